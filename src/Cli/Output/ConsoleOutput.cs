using MedicalImaging.Client;
using Spectre.Console;

namespace MedicalImaging.Cli.Output;

/// <summary>The terminal: Spectre.Console on stderr for people, plain stdout for data.</summary>
public sealed class ConsoleOutput : ICliOutput
{
    private readonly IAnsiConsole _stderr = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });

    public void Data(string text) => Console.Out.WriteLine(text);

    public void Info(string text) => Console.Error.WriteLine(text);

    public void Error(string text) => Console.Error.WriteLine("error: " + text);

    public IAnalysisProgressView StartProgress() =>
        !Console.IsErrorRedirected && _stderr.Profile.Capabilities.Interactive ? new BarsView(_stderr) : new LinesView();

    /// <summary>One line per event, for logs and pipes.</summary>
    private sealed class LinesView : IAnalysisProgressView
    {
        public void Update(AnalysisProgress progress) =>
            Console.Error.WriteLine($"[{progress.Percent,3}%] {progress.Stage}: {progress.Message}");

        public void Dispose()
        {
        }
    }

    /// <summary>A live bar per stage.</summary>
    private sealed class BarsView : IAnalysisProgressView
    {
        private readonly Dictionary<string, ProgressTask> _tasks = [];
        private readonly Task _render;
        private readonly TaskCompletionSource _done = new();
        private ProgressContext? _context;
        private readonly TaskCompletionSource _ready = new();

        public BarsView(IAnsiConsole console)
        {
            _render = console.Progress().AutoClear(false).StartAsync(async context =>
            {
                _context = context;
                _ready.SetResult();
                await _done.Task;
            });
            _ready.Task.Wait();
        }

        public void Update(AnalysisProgress progress)
        {
            foreach (var open in _tasks.Values.Where(t => !t.IsFinished))
            {
                open.Value = open.MaxValue;
            }

            if (!_tasks.TryGetValue(progress.Stage, out var task))
            {
                task = _context!.AddTask(progress.Stage, maxValue: 1);
                _tasks[progress.Stage] = task;
            }

            task.Description = $"{progress.Stage,-12} {Markup.Escape(progress.Message)}";
            task.Value = progress.Stage == "complete" ? 1 : 0.5;
        }

        public void Dispose()
        {
            foreach (var task in _tasks.Values)
            {
                task.Value = task.MaxValue;
            }

            _done.TrySetResult();
            _render.Wait();
        }
    }
}
