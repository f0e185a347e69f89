"""The changes product (its PRODUCT is in .product) and the modules only it uses."""
