"""Second oracle: pydicom (Debian python3-pydicom, GDCM handler from python3-gdcm).
usage: pydicom_dump.py OUT_DIR FILE...  -> one JSON line per file; frames written as little-endian raw."""
import json, sys
import numpy as np
import pydicom
from pydicom.pixel_data_handlers.util import convert_color_space

out = sys.argv[1]
for i, path in enumerate(sys.argv[2:]):
    rec = {"file": path}
    try:
        ds = pydicom.dcmread(path, force=True)
        if "TransferSyntaxUID" not in ds.file_meta:
            # No file meta: the syntax pydicom detected while reading.
            ds.file_meta.TransferSyntaxUID = {(True, True): "1.2.840.10008.1.2", (True, False): "1.2.840.10008.1.2.1",
                                              (False, False): "1.2.840.10008.1.2.2"}[(ds.is_little_endian, ds.is_implicit_VR)]
        rec["rows"] = int(ds.get("Rows", 0))
        rec["columns"] = int(ds.get("Columns", 0))
        name = ds.get("PatientName")
        rec["patient_name"] = None if name is None else str(name)
        arr = ds.pixel_array
        pi = str(ds.get("PhotometricInterpretation", ""))
        ts = str(ds.file_meta.get("TransferSyntaxUID", "")) if hasattr(ds, "file_meta") else ""
        rec["photometric"] = pi
        arr = arr.astype(arr.dtype.newbyteorder("<"))
        rec["dtype"] = arr.dtype.name
        rec["shape"] = list(arr.shape)
        if pi.startswith("YBR") and ts.startswith("1.2.840.10008.1.2.4.5"):
            arr = convert_color_space(arr, pi, "RGB")
            rec["converted"] = True
        raw = f"{out}/{i}.raw"
        arr.tofile(raw)
        rec["raw"] = raw
        rec["ok"] = True
    except Exception as e:  # the oracle's own failure is data, not a crash
        rec["ok"] = False
        rec["error"] = f"{type(e).__name__}: {e}"
    print(json.dumps(rec), flush=True)
