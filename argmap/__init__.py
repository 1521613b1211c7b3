"""argmap: policy-stance argument mapper."""
__version__ = "0.1.0"
