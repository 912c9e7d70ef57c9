namespace MedicalImaging.Server.Providers.Chain;

/// <summary>What the chain is asked to do; the name goes into attempt records (purpose), spans and egress counts.</summary>
public static class ProviderOperation
{
    public const string Vision = "vision";
    public const string Report = "report";
    public const string Chat = "chat";
}
