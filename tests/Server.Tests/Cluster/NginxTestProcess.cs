using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace MedicalImaging.Server.Tests.Cluster;

/// <summary>
/// Debian's nginx in front of the replicas, configured as scripts/cluster.sh does: grpc_pass on an HTTP/2 cleartext
/// port, proxy_pass (HTTP/1.1, Upgrade headers, no buffering) on a REST/WebSocket port; a replica that fails is
/// skipped for 2 s. Everything (config, pid, logs, temp) in its own directory.
/// </summary>
internal sealed class NginxTestProcess : IAsyncDisposable
{
    private readonly string _directory;

    private NginxTestProcess(string directory, int grpcPort, int httpPort)
    {
        _directory = directory;
        GrpcAddress = new Uri($"http://127.0.0.1:{grpcPort}");
        HttpAddress = new Uri($"http://127.0.0.1:{httpPort}");
    }

    /// <summary>gRPC (h2c) front.</summary>
    public Uri GrpcAddress { get; }

    /// <summary>REST and WebSocket front.</summary>
    public Uri HttpAddress { get; }

    public static async Task<NginxTestProcess> StartAsync(IReadOnlyList<(Uri Grpc, Uri Http)> replicas)
    {
        var directory = Directory.CreateTempSubdirectory("medimg-nginx-").FullName;
        Directory.CreateDirectory(Path.Combine(directory, "temp"));
        var nginx = new NginxTestProcess(directory, FreePort(), FreePort());
        var grpcServers = new StringBuilder();
        var httpServers = new StringBuilder();
        foreach (var (grpc, http) in replicas)
        {
            grpcServers.Append(CultureInfo.InvariantCulture, $"    server 127.0.0.1:{grpc.Port} max_fails=1 fail_timeout=2s;\n");
            httpServers.Append(CultureInfo.InvariantCulture, $"    server 127.0.0.1:{http.Port} max_fails=1 fail_timeout=2s;\n");
        }

        var conf = $$"""
            {{(Environment.UserName == "root" ? "user root;" : string.Empty)}}
            worker_processes 1;
            pid {{directory}}/nginx.pid;
            error_log {{directory}}/error.log warn;
            events { worker_connections 4096; }
            http {
              access_log off;
              client_body_temp_path {{directory}}/temp/body;
              proxy_temp_path {{directory}}/temp/proxy;
              fastcgi_temp_path {{directory}}/temp/fastcgi;
              uwsgi_temp_path {{directory}}/temp/uwsgi;
              scgi_temp_path {{directory}}/temp/scgi;
              client_max_body_size 512m;
              map $http_upgrade $connection_upgrade { default upgrade; '' close; }
              upstream replicas_grpc {
            {{grpcServers}}    keepalive 32;
              }
              upstream replicas_http {
            {{httpServers}}    keepalive 32;
              }
              server {
                listen 127.0.0.1:{{nginx.GrpcAddress.Port}} http2;
                grpc_read_timeout 600s;
                grpc_send_timeout 600s;
                location / { grpc_pass grpc://replicas_grpc; }
              }
              server {
                listen 127.0.0.1:{{nginx.HttpAddress.Port}};
                location / {
                  proxy_pass http://replicas_http;
                  proxy_http_version 1.1;
                  proxy_set_header Upgrade $http_upgrade;
                  proxy_set_header Connection $connection_upgrade;
                  proxy_set_header Host $host;
                  proxy_buffering off;
                  proxy_read_timeout 600s;
                }
              }
            }
            """;
        var confPath = Path.Combine(directory, "nginx.conf");
        await File.WriteAllTextAsync(confPath, conf);
        await RunAsync("-p", directory, "-c", confPath);
        return nginx;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await RunAsync("-p", _directory, "-c", Path.Combine(_directory, "nginx.conf"), "-s", "stop");
            for (var i = 0; i < 50 && File.Exists(Path.Combine(_directory, "nginx.pid")); i++)
            {
                await Task.Delay(100);
            }
        }
        finally
        {
            try
            {
                Directory.Delete(_directory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }

    private static async Task RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo(File.Exists("/usr/sbin/nginx") ? "/usr/sbin/nginx" : "nginx") { UseShellExecute = false, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("nginx did not start (apt install nginx; scripts/install-deps.sh cluster)");
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"nginx {string.Join(' ', args)} failed: {error}");
        }
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
