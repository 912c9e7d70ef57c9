using MedicalImaging.Client;
using Spectre.Console;

namespace MedicalImaging.Cli.Output;

/// <summary>A live bar per stage, on an interactive terminal.</summary>
internal sealed class ProgressBarsView : IAnalysisProgressView
{
    private readonly Dictionary<string, ProgressTask> _tasks = [];
    private readonly Task _render;
    private readonly TaskCompletionSource _done = new();
    private readonly TaskCompletionSource _ready = new();
    private ProgressContext? _context;

    public ProgressBarsView(IAnsiConsole console)
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
