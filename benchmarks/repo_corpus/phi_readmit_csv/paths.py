"""Where the data live on the analysis workstation."""
DATA_DIR = r"C:\Users\mlee\Documents\readmit\data"
OUT_DIR = "results"
