namespace MedicalImaging.Server.Providers.Profiles;

/// <summary>How a provider is asked for JSON (profile field `structuredOutput`).</summary>
public enum StructuredOutputMode
{
    /// <summary>`json_schema` with `strict: true`: the provider enforces the schema (Groq, OpenRouter).</summary>
    JsonSchemaStrict,

    /// <summary>`json_schema` without `strict`: best effort against the schema.</summary>
    JsonSchema,

    /// <summary>`json_object`: valid JSON, the schema only in the prompt.</summary>
    JsonObject,

    /// <summary>No response_format at all; the parser still strips code fences.</summary>
    None,
}
