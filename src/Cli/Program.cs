using MedicalImaging.Cli;
using MedicalImaging.Cli.Output;

return await CliApp.Build(new ConsoleOutput()).Parse(args).InvokeAsync();
