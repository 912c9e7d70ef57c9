using MedicalImaging.Server.Logging;

namespace MedicalImaging.Server.Tests.Unit;

public sealed class SecretRedactorTests
{
    private const string Jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ1c2VyIn0.c2lnbmF0dXJlLWJ5dGVz";

    [Theory]
    [InlineData("GET http://h/ws/medical-imaging/a?token=abc123&after=4", "GET http://h/ws/medical-imaging/a?token=[REDACTED]&after=4")]
    [InlineData("GET http://h/x?after=4&access_token=abc123", "GET http://h/x?after=4&access_token=[REDACTED]")]
    [InlineData("POST https://api/v1beta/models?key=AIzaSyExample", "POST https://api/v1beta/models?key=[REDACTED]")]
    [InlineData("Authorization: Bearer abcdefgh12345678", "Authorization: Bearer [REDACTED]")]
    [InlineData("authorization=Basic dXNlcjpwYXNzd29yZA==", "authorization=Basic [REDACTED]")]
    [InlineData("token " + Jwt + " rejected", "token [REDACTED] rejected")]
    public void Redact_TextWithASecret_MasksOnlyTheSecret(string text, string expected) =>
        Assert.Equal(expected, SecretRedactor.Redact(text));

    [Theory]
    [InlineData("Request finished HTTP/2 POST http://127.0.0.1/medimaging.v1.ImagingService/ListReports - 200")]
    [InlineData("The bearer token has no 'sub' claim naming the user.")]
    [InlineData("GET /api/v1/medical-imaging/reports?pageSize=10&pageToken=")]
    public void Redact_TextWithoutSecret_ReturnsTheSameText(string text) =>
        Assert.Same(text, SecretRedactor.Redact(text));
}
