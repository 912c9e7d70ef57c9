namespace MedicalImaging.Server.Cluster.Index;

/// <summary>What happened to a report, as far as the similar-case index cares.</summary>
public enum ReportChangeKind
{
    /// <summary>A new report was stored with its embedding.</summary>
    Stored,

    /// <summary>A stored report got a new embedding (the embedding model changed).</summary>
    Reembedded,

    /// <summary>The report was deleted: every replica drops its vector.</summary>
    Deleted,
}
