using MedicalImaging.Server.Hosting;

var app = MedicalImagingHost.Build(args);
await app.RunAsync();
