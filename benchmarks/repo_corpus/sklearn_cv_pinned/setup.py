from setuptools import find_packages, setup

setup(
    name="strokepred",
    version="1.0.0",
    description="Nested cross-validation of stroke risk models",
    package_dir={"": "src"},
    packages=find_packages("src"),
    python_requires=">=3.10",
    install_requires=[
        "numpy>=1.24",
        "pandas>=2.0",
        "scikit-learn>=1.3",
        "imbalanced-learn",
    ],
)
