import argparse

import pandas as pd


def update_test(test_csv_file):
    """Merge the released test labels into the challenge's test.csv (rows scored -1 are not used)."""
    test_df = pd.read_csv(test_csv_file)
    labels_df = pd.read_csv(test_csv_file[:-4] + "_labels.csv")
    merged = test_df.merge(labels_df, on="id")
    merged = merged[merged["toxic"] != -1] if "toxic" in merged.columns else merged
    out = test_csv_file[:-4] + "_public_expanded.csv"
    merged.to_csv(out, index=False)
    return out


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--test_csv", type=str, required=True, help="path to the challenge test.csv")
    parser.add_argument("--update_test", action="store_true", help="merge the released labels into the test set")
    args = parser.parse_args()
    if args.update_test:
        print("written", update_test(args.test_csv))
