using AuditKit.Core.Http;

namespace AuditKit.Core.Tests;

public class UrlRedactionTests
{
    [Theory]
    [InlineData("ftp://user:KEY@host/v1", "ftp://[redacted]@host/v1")]
    [InlineData("http://user:KEY@@host/v1", "http://[redacted]@host/v1")]
    [InlineData("http://host/v1?api_key=KEY#frag", "http://host/v1?[redacted]")]
    [InlineData("user:KEY@host", "[redacted]@host")]
    [InlineData("http://127.0.0.1:8080/v1", "http://127.0.0.1:8080/v1")]
    public void Redact_UrlWithCredentialsParsableOrNot_ShowsNeitherUserInfoNorQuery(string url, string expected) =>
        Assert.Equal(expected, UrlRedaction.Redact(url));
}
