using MedicalImaging.Imaging.Runtime;
using MedicalImaging.Server.Hosting;

// Let glibc reuse OpenCV's large temporary buffers instead of re-faulting them for every image
// (~2400 → ~90 page faults per CT slice; docs/IMAGING.md). Process-wide, so only the standalone host does it,
// never the library an application mounts.
NativeAllocatorTuning.Apply();
var app = MedicalImagingHost.Build(args);
await app.RunAsync();
