using AuditKit.Core.Http;

namespace AuditKit.Core.Tests;

public class PlainHttpPolicyTests
{
    [Theory]
    [InlineData("http://127.0.0.1:8080/v1")]
    [InlineData("http://127.0.0.2/")]
    [InlineData("http://localhost:11434")]
    [InlineData("http://[::1]:9/")]
    [InlineData("https://hub.example/")]
    public void Refusal_HttpsOrLoopback_IsAllowed(string url) =>
        Assert.Null(PlainHttpPolicy.Refusal(new Uri(url), allowInsecureHttp: false, "the model file"));

    [Fact]
    public void Refusal_PlainHttpToAnotherHost_SaysWhatWouldTravelAndHowToAllowIt() =>
        Assert.Equal("Refusing plain http to non-loopback host 'hub.example': the model file would travel unencrypted. Use https, or allow insecure http explicitly.",
            PlainHttpPolicy.Refusal(new Uri("http://user:key@hub.example/x?token=t"), allowInsecureHttp: false, "the model file"));

    [Fact]
    public void Refusal_PlainHttpToAnotherHostWhenAllowed_IsAllowed() =>
        Assert.Null(PlainHttpPolicy.Refusal(new Uri("http://hub.example/"), allowInsecureHttp: true, "the model file"));
}
