using NATS.Client.Core;

namespace MedicalImaging.Server.Cluster;

/// <summary>Turns the NATS_* settings into the client's options, the way the NATS tools read them.</summary>
public static class NatsConnectionOptions
{
    /// <summary>The client options for <paramref name="options"/>; <paramref name="name"/> is how the server lists this connection.</summary>
    public static NatsOpts Create(ClusterOptions options, string name)
    {
        var auth = NatsAuthOpts.Default;
        if (options.User is not null)
        {
            auth = auth with { Username = options.User, Password = options.Password };
        }
        else if (options.CredsFile is not null)
        {
            auth = auth with { CredsFile = options.CredsFile };
        }

        var tls = NatsTlsOpts.Default;
        if (options.TlsCaFile is not null || options.TlsCertFile is not null)
        {
            // A CA or a client certificate means the operator wants TLS: never fall back to plain text.
            tls = tls with { Mode = TlsMode.Require, CaFile = options.TlsCaFile, CertFile = options.TlsCertFile, KeyFile = options.TlsKeyFile };
        }

        return NatsOpts.Default with
        {
            Url = options.Url,
            Name = name,
            AuthOpts = auth,
            TlsOpts = tls,
            // A replica that starts before NATS keeps trying instead of failing its first call.
            RetryOnInitialConnect = true,
            // Keep reconnecting for as long as the process lives: losing NATS pauses work, it does not end the replica.
            MaxReconnectRetry = -1,
        };
    }
}
