namespace MedicalImaging.Server.Storage.Neo4j;

/// <summary>Neo4j answered with an error (its status code, e.g. Neo.ClientError.Statement.SyntaxError).</summary>
public sealed class Neo4jException : Exception
{
    public Neo4jException(string code, string message) : base($"{code}: {message}") => Code = code;

    public string Code { get; }

    /// <summary>Worth retrying (Neo.TransientError.*).</summary>
    public bool IsTransient => Code.StartsWith("Neo.TransientError.", StringComparison.Ordinal);
}
