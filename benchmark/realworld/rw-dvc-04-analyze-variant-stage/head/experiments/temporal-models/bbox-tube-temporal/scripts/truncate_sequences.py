"""CLI entry point for the `truncate_sequences` step (see src/bbox_tube_temporal/)."""

import argparse


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--output-dir", required=True)
    args, _ = parser.parse_known_args()
    raise SystemExit(f"run through dvc repro; output: {args.output_dir}")


if __name__ == "__main__":
    main()
