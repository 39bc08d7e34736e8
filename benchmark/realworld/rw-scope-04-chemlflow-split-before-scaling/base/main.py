# an example workflow that uses ChemBL bioactivity data
import os
import subprocess

os.makedirs('data/urease', exist_ok=True)

# step 1. get ChemBL bioactivity data.
subprocess.run(['python', os.path.join('GetData', 'get_ChEMBL_target_full.py'),
                'urease', 'data/urease/urease_raw.csv'])

# step 2. preprocess and clean raw bioactivity data.
active_threshold = 1000
inactive_threshold = 10000
subprocess.run(['python', os.path.join('utilities', 'prepareActivityData.py'),
                'data/urease/urease_raw.csv', 'data/urease/urease_preprocessed.csv',
                'data/urease/urease_bio_curated_data.csv', 'data/urease/urease_bio_curated_smiles.csv',
                '--active_threshold', str(active_threshold),
                '--inactive_threshold', str(inactive_threshold),
                '--properties', 'standard_value'])

# step 3. IC50 -> pIC50 and RDKit descriptors.
subprocess.run(['python', os.path.join('GenDescriptors', 'RDKit_descriptors_labeled.py'),
                'data/urease/urease_bio_curated_data.csv', 'data/urease/rdkit_descriptors.csv',
                'data/urease/pic50.csv'])

# step 4. train and evaluate.
subprocess.run(['python', os.path.join('MLModels', 'MLModels_explainable.py'),
                'data/urease/rdkit_descriptors.csv', 'data/urease/pic50.csv', 'results/urease'])
