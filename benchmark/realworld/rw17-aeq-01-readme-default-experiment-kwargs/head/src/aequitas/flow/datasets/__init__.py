from .baf import BankAccountFraud
from .folktables import FolkTables
from .generic import GenericDataset

__all__ = ["BankAccountFraud", "FolkTables", "GenericDataset"]
