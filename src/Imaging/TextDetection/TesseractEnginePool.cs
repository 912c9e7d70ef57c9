using System.Collections.Concurrent;

namespace MedicalImaging.Imaging.TextDetection;

/// <summary>
/// Initialised engines kept for reuse: a thread rents one, uses it alone, and returns it. At most
/// <see cref="MaxIdle"/> idle engines are kept (each holds the English model, ~20 MB); extras made under
/// a burst are disposed on return.
/// </summary>
internal sealed class TesseractEnginePool : IDisposable
{
    private const int MaxIdle = 4;
    private readonly ConcurrentBag<TesseractEngine> _idle = [];
    private readonly string? _dataPath;

    public TesseractEnginePool(string? dataPath) => _dataPath = dataPath;

    public TesseractEngine Rent() => _idle.TryTake(out var engine) ? engine : TesseractEngine.Create(_dataPath);

    public void Return(TesseractEngine engine)
    {
        if (_idle.Count >= MaxIdle)
        {
            engine.Dispose();
            return;
        }

        _idle.Add(engine);
    }

    public void Dispose()
    {
        while (_idle.TryTake(out var engine))
        {
            engine.Dispose();
        }
    }
}
