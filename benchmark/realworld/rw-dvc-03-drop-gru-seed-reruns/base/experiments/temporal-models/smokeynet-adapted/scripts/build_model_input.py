"""CLI entry point for the `build model_input` step (see src/smokeynet_adapted/)."""

import argparse


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--output-dir", required=True)
    args, _ = parser.parse_known_args()
    raise SystemExit(f"run through dvc repro; output: {args.output_dir}")


if __name__ == "__main__":
    main()
