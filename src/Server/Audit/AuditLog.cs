using System.Text;
using System.Threading.Channels;
using MedicalImaging.Auth.Audit;
using MedicalImaging.Server.Configuration;
using MedicalImaging.Server.Uploads;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MedicalImaging.Server.Audit;

/// <summary>
/// The append-only, hash-chained audit log: calls hand their events to <see cref="Record"/> (never waiting on the disk),
/// and one consumer appends them in order, each line chained to the one before (<see cref="AuditChain"/>). After each
/// batch it has drained from the queue, the file is flushed to disk (fsync), so a call's record is durable within one
/// batch of the call ending; a crash can lose at most the batch being written. A torn last line left by a crash is cut
/// off at start (and logged), so the chain continues from the last whole record.
/// </summary>
public sealed partial class AuditLog : IHostedService, IDisposable
{
    private const int TailWindowBytes = 1 << 20;
    private readonly Channel<Item> _queue = Channel.CreateUnbounded<Item>(new UnboundedChannelOptions { SingleReader = true });
    private readonly TimeProvider _time;
    private readonly ILogger<AuditLog> _logger;
    private readonly byte[]? _key;
    private readonly string _algorithm;
    private readonly string _source = "medimaging@" + Environment.MachineName;
    private FileStream? _file;
    private Task? _consumer;
    private long _sequence;
    private string _previousHash = AuditChain.GenesisHash;

    public AuditLog(IOptions<AuditOptions> options, IOptions<MedicalImagingOptions> server, TimeProvider time, ILogger<AuditLog> logger)
    {
        Path = options.Value.ResolvedLogPath(server.Value.ResolvedDataDirectory);
        _key = AuditChain.KeyFrom(options.Value.HmacKey);
        _algorithm = AuditChain.Algorithm(_key);
        _time = time;
        _logger = logger;
    }

    /// <summary>The log file (AUDIT_LOG_PATH).</summary>
    public string Path { get; }

    /// <summary>Queues an event; it is stamped now and written in arrival order.</summary>
    public void Record(AuditEvent auditEvent)
    {
        ArgumentNullException.ThrowIfNull(auditEvent);
        if (!_queue.Writer.TryWrite(new Item(auditEvent, _time.GetUtcNow(), null)))
        {
            LogDropped(auditEvent.EventId, auditEvent.UserId);
        }
    }

    /// <summary>Completes once every event queued before the call is on disk (ListAuditEvents reads its own caller's past calls).</summary>
    public async Task FlushAsync(CancellationToken cancellationToken)
    {
        var written = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (_queue.Writer.TryWrite(new Item(null, default, written)))
        {
            await written.Task.WaitAsync(cancellationToken);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        Open();
        _consumer = Task.Run(ConsumeAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        if (_consumer is not null)
        {
            await _consumer.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    public void Dispose() => _file?.Dispose();

    private void Open()
    {
        PrivateFiles.CreateFolder(System.IO.Path.GetDirectoryName(Path)!);
        var create = new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.Read };
        if (!OperatingSystem.IsWindows())
        {
            create.UnixCreateMode = PrivateFiles.FileMode;
        }

        using (var existing = new FileStream(Path, create))
        {
            RecoverTail(existing);
        }

        PrivateFiles.Restrict(Path);
        _file = new FileStream(Path, new FileStreamOptions { Mode = FileMode.Append, Access = FileAccess.Write, Share = FileShare.Read });
    }

    /// <summary>Finds the last whole record (its seq and hash continue the chain) and cuts off a torn line after it.</summary>
    private void RecoverTail(FileStream file)
    {
        if (file.Length == 0)
        {
            return;
        }

        var window = (int)Math.Min(file.Length, TailWindowBytes);
        var bytes = new byte[window];
        file.Seek(-window, SeekOrigin.End);
        file.ReadExactly(bytes);
        var end = Array.LastIndexOf(bytes, (byte)'\n');
        if (end < window - 1)
        {
            // A crash mid-write left a partial line: it was never a record, so it goes.
            var keep = file.Length - window + end + 1;
            LogTornTail(Path, file.Length - keep);
            file.SetLength(keep);
            file.Flush(flushToDisk: true);
            if (end < 0)
            {
                return;
            }
        }

        var start = Array.LastIndexOf(bytes, (byte)'\n', Math.Max(end - 1, 0));
        if (start < 0 && file.Length > window)
        {
            throw new InvalidDataException($"The last line of the audit log {Path} (AUDIT_LOG_PATH) is longer than {TailWindowBytes} bytes: not an audit record.");
        }

        var last = Encoding.UTF8.GetString(bytes, start + 1, end - start - 1);
        try
        {
            (_sequence, _previousHash) = AuditRecordJson.Tail(last);
        }
        catch (Exception ex) when (ex is InvalidDataException or System.Text.Json.JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new InvalidDataException($"The last line of the audit log {Path} (AUDIT_LOG_PATH) is not an audit record; check it with `medimg audit verify --file {Path}`.", ex);
        }
    }

    private async Task ConsumeAsync()
    {
        var reader = _queue.Reader;
        var flushed = new List<TaskCompletionSource>();
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            try
            {
                while (reader.TryRead(out var item))
                {
                    if (item.Flushed is not null)
                    {
                        flushed.Add(item.Flushed);
                        continue;
                    }

                    Append(item.Event!, item.Time);
                }

                _file!.Flush(flushToDisk: true);
                flushed.ForEach(f => f.TrySetResult());
            }
            catch (IOException ex)
            {
                LogWriteFailed(ex, Path);
                flushed.ForEach(f => f.TrySetException(ex));
            }

            flushed.Clear();
        }
    }

    private void Append(AuditEvent auditEvent, DateTimeOffset time)
    {
        var entry = new AuditEntry(_sequence + 1, time, auditEvent);
        var line = AuditChain.Seal(AuditRecordJson.Write(entry, _source, _previousHash, _algorithm), _key, out var hash);
        _file!.Write(Encoding.UTF8.GetBytes(line + "\n"));
        _sequence = entry.Sequence;
        _previousHash = hash;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Audit event {EventId} of user {UserId} arrived after the audit log closed and was not recorded")]
    private partial void LogDropped(string eventId, string? userId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The audit log {Path} ended in a torn line of {Bytes} bytes (a crash mid-write); it was cut off and the chain continues from the last whole record")]
    private partial void LogTornTail(string path, long bytes);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Writing the audit log {Path} failed")]
    private partial void LogWriteFailed(Exception exception, string path);

    private sealed record Item(AuditEvent? Event, DateTimeOffset Time, TaskCompletionSource? Flushed);
}
