"""Download IC50 bioactivities for one ChEMBL target and write them to CSV."""
import argparse
import logging

import pandas as pd
from chembl_webresource_client.new_client import new_client


def fetch(target_chembl_id: str) -> pd.DataFrame:
    activity = new_client.activity
    records = activity.filter(target_chembl_id=target_chembl_id).filter(standard_type="IC50")
    df = pd.DataFrame.from_records(records)
    logging.info("Fetched %d IC50 records for %s", len(df), target_chembl_id)
    return df


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("target_chembl_id")
    parser.add_argument("output_csv")
    args = parser.parse_args()
    fetch(args.target_chembl_id).to_csv(args.output_csv, index=False)
