"""Tiến Độ: steering Đề án 06 implementation, from one province to the whole country."""
