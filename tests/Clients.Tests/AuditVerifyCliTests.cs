using Grpc.Core;
using Grpc.Net.Client;
using MedicalImaging.Contracts.V1;
using MedicalImaging.Server.Audit;
using MedicalImaging.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace MedicalImaging.Clients.Tests;

/// <summary>`medimg audit verify` on a log a real server wrote: intact, then an edited, a deleted and a swapped line.</summary>
public sealed class AuditVerifyCliTests
{
    private const string Key = "audit-test-key-0123456789abcdef-0123456789";

    [Fact]
    public async Task AuditVerify_RealKeyedLog_IntactThenEditedDeletedAndSwappedLinesNamed()
    {
        string log;
        await using (var server = await RunningServer.StartAsync(new Dictionary<string, string?> { ["AUDIT_HMAC_KEY"] = Key }))
        {
            using var channel = GrpcChannel.ForAddress(server.GrpcAddress);
            var client = new ImagingService.ImagingServiceClient(channel);
            var auth = new Metadata { { "authorization", "Bearer " + server.IssueToken("cli-auditor") } };
            for (var i = 0; i < 5; i++)
            {
                await client.ListReportsAsync(new ListReportsRequest { PageSize = i + 1 }, auth);
            }

            var auditLog = server.Services.GetRequiredService<AuditLog>();
            await auditLog.FlushAsync(CancellationToken.None);
            log = Path.Combine(Directory.CreateTempSubdirectory("medimg-audit-cli-").FullName, "audit.jsonl");
            File.Copy(auditLog.Path, log);
        }

        try
        {
            var keyed = new Dictionary<string, string?> { ["AUDIT_HMAC_KEY"] = Key };
            var (code, stdout, stderr) = await Medimg.RunAsync(keyed, null, "audit", "verify", "--file", log);
            Assert.True(code == 0, stderr);
            Assert.Contains("intact: 5 records (hmac-sha256)", stdout, StringComparison.Ordinal);

            (code, _, stderr) = await Medimg.RunAsync(new Dictionary<string, string?>(), null, "audit", "verify", "--file", log);
            Assert.Equal(7, code);
            Assert.Contains(":1: the log is keyed", stderr, StringComparison.Ordinal);

            var lines = await File.ReadAllLinesAsync(log);
            var tampered = log + ".edited";
            var edited = (string[])lines.Clone();
            edited[2] = edited[2].Replace("\"outcome\":0", "\"outcome\":4", StringComparison.Ordinal); // one character of line 3
            Assert.NotEqual(lines[2], edited[2]);
            await File.WriteAllLinesAsync(tampered, edited);
            (code, stdout, stderr) = await Medimg.RunAsync(keyed, null, "audit", "verify", "--file", tampered, "--key", Key);
            Assert.Equal(7, code);
            Assert.Contains($"{tampered}:3: the hash does not match", stderr, StringComparison.Ordinal);
            Assert.Contains("broken at line 3", stdout, StringComparison.Ordinal);

            await File.WriteAllLinesAsync(tampered, lines.Where((_, i) => i != 1));
            (code, _, stderr) = await Medimg.RunAsync(keyed, null, "audit", "verify", "--file", tampered);
            Assert.Equal(7, code);
            Assert.Contains($"{tampered}:2: \"prev\" is not the previous line's hash", stderr, StringComparison.Ordinal);

            await File.WriteAllLinesAsync(tampered, [lines[0], lines[1], lines[3], lines[2], lines[4]]);
            (code, _, stderr) = await Medimg.RunAsync(keyed, null, "audit", "verify", "--file", tampered);
            Assert.Equal(7, code);
            Assert.Contains($"{tampered}:3: \"prev\"", stderr, StringComparison.Ordinal);

            await File.WriteAllLinesAsync(tampered, lines.Skip(1));
            (code, _, stderr) = await Medimg.RunAsync(keyed, null, "audit", "verify", "--file", tampered);
            Assert.Equal(7, code);
            Assert.Contains($"{tampered}:1: the first line is not the start of a log", stderr, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(Path.GetDirectoryName(log)!, recursive: true);
        }
    }
}
