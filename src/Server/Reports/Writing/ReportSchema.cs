using System.Text.Json;

namespace MedicalImaging.Server.Reports.Writing;

/// <summary>The JSON schema the report-writing model answers with.</summary>
public static class ReportSchema
{
    public const string Name = "structured_report";

    public static readonly JsonElement Schema = JsonDocument.Parse("""
        {
          "type": "object",
          "additionalProperties": false,
          "required": ["technique", "comparison", "impression", "recommendations", "limitations", "overall_severity", "key_findings", "cited_pmids"],
          "properties": {
            "technique": { "type": "string" },
            "comparison": { "type": "string" },
            "impression": { "type": "string" },
            "recommendations": { "type": "array", "items": { "type": "string" } },
            "limitations": { "type": "array", "items": { "type": "string" } },
            "overall_severity": { "type": "string", "enum": ["normal", "mild", "moderate", "severe", "critical"] },
            "key_findings": { "type": "array", "items": { "type": "string" } },
            "cited_pmids": { "type": "array", "items": { "type": "string" } }
          }
        }
        """).RootElement.Clone();
}
