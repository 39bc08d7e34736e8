"""Compute all RDKit 2D descriptors for a CSV of canonical SMILES."""
import argparse

import pandas as pd
from rdkit import Chem
from rdkit.Chem import Descriptors


def describe(smiles: str) -> dict:
    mol = Chem.MolFromSmiles(smiles)
    return {name: fn(mol) for name, fn in Descriptors.descList} if mol is not None else {}


if __name__ == "__main__":
    p = argparse.ArgumentParser()
    p.add_argument("smiles_file")
    p.add_argument("output_file")
    a = p.parse_args()
    df = pd.read_csv(a.smiles_file)
    pd.DataFrame([describe(s) for s in df["canonical_smiles"]]).to_csv(a.output_file, index=False)
