"""Evaluate Lipinski's rule of five for a CSV of canonical SMILES."""
import argparse
import logging

import pandas as pd
from rdkit import Chem
from rdkit.Chem import Descriptors


def lipinski_row(smiles: str) -> dict:
    mol = Chem.MolFromSmiles(smiles)
    if mol is None:
        return {"MW": None, "LogP": None, "HDonors": None, "HAcceptors": None}
    return {
        "MW": Descriptors.MolWt(mol),
        "LogP": Descriptors.MolLogP(mol),
        "HDonors": Descriptors.NumHDonors(mol),
        "HAcceptors": Descriptors.NumHAcceptors(mol),
    }


def main(smiles_file: str, output_file: str) -> None:
    df = pd.read_csv(smiles_file)
    if "canonical_smiles" not in df.columns:
        raise ValueError(f"'canonical_smiles' column not found in {smiles_file}.")
    out = pd.DataFrame([lipinski_row(s) for s in df["canonical_smiles"]])
    out.to_csv(output_file, index=False)
    logging.info("Wrote %d rows to %s", len(out), output_file)


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("smiles_file")
    parser.add_argument("output_file")
    args = parser.parse_args()
    main(args.smiles_file, args.output_file)
