using System.Net;
using AuditKit.Core.Http;

namespace AuditKit.Core.Tests;

public class CheckedRedirectHandlerTests
{
    /// <summary>Answers from a script of (URL prefix, response) and records every URL it was asked for.</summary>
    private sealed class ScriptedHandler(Func<Uri, HttpResponseMessage> answer) : HttpMessageHandler
    {
        public List<(Uri Url, string? Authorization)> Sent { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Sent.Add((request.RequestUri!, request.Headers.Authorization?.ToString()));
            return Task.FromResult(answer(request.RequestUri!));
        }
    }

    private static HttpResponseMessage Redirect(string to) => new(HttpStatusCode.Found) { Headers = { Location = new Uri(to, UriKind.RelativeOrAbsolute) } };

    [Fact]
    public async Task Send_RedirectToPlainHttpOnAnotherHost_IsRefusedBeforeAnythingIsSentThere()
    {
        var inner = new ScriptedHandler(url => url.Host == "hub.example" ? Redirect("http://cdn.example/file?sig=SECRET") : new HttpResponseMessage(HttpStatusCode.OK));
        using var client = new HttpClient(new CheckedRedirectHandler(inner, allowInsecureHttp: false, "the model file"));

        var e = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync("https://hub.example/model.gguf"));

        Assert.Contains("redirect to http://cdn.example/file?[redacted] refused", e.Message);
        Assert.DoesNotContain("SECRET", e.Message);
        Assert.Equal(["https://hub.example/model.gguf"], inner.Sent.Select(s => s.Url.ToString()));
    }

    [Fact]
    public async Task Send_RedirectToHttpsElsewhere_IsFollowedWithoutTheCredentialsAndNamesTheFinalUrl()
    {
        var inner = new ScriptedHandler(url => url.Host == "hub.example" ? Redirect("https://cdn.example/blob") : new HttpResponseMessage(HttpStatusCode.OK));
        using var client = new HttpClient(new CheckedRedirectHandler(inner, allowInsecureHttp: false, "the model file"));
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://hub.example/model.gguf") { Headers = { { "Authorization", "Bearer hf_SECRET" } } };

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("https://cdn.example/blob", response.RequestMessage!.RequestUri!.ToString());
        Assert.Null(inner.Sent[1].Authorization);
    }
}
