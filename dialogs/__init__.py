"""Pure dialog logic: text in, dialog acts out. No audio, no SQL, no clock reads."""
