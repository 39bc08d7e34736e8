"""DVC entry point for the `pad` stage; logic lives in src/mtb_change_detection/."""

import argparse


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--output-dir", "--output-path", dest="output")
    args, _ = parser.parse_known_args()
    from mtb_change_detection.cli import run  # noqa: PLC0415

    run("pad_sequences", args.output)


if __name__ == "__main__":
    main()
