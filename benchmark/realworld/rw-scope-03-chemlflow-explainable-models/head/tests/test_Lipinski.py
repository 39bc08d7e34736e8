# Smoke test: run the Lipinski script on the curated SMILES file.
import os
import subprocess

script_path = os.path.join('utilities', 'Lipinski_rules.py')
smiles_file = 'data/acetylchol_bio_curated_smiles.csv'
output_file = 'data/lipinski_results.csv'
subprocess.run(['python', script_path, smiles_file, output_file])
