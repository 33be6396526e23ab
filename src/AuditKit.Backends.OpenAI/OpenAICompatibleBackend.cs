using System.Net;
using System.Text.Json;
using AuditKit.Core.Attempts;
using AuditKit.Core.Backends;
using Microsoft.Extensions.Logging;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.Connectors.OpenAI;
using OpenAIChat = OpenAI.Chat;
using SkChat = Microsoft.SemanticKernel.ChatCompletion;

namespace AuditKit.Backends.OpenAI;

/// <summary>
/// Answers prompts through an OpenAI-compatible chat-completions server (vLLM, llama-server, Ollama, LM Studio,
/// DeepSeek's API) using Semantic Kernel's OpenAI connector. Retries transient failures itself with jittered
/// exponential backoff, bounds requests in flight, and reports every failure as <see cref="Generation.Error"/>.
/// </summary>
public sealed class OpenAICompatibleBackend : IModelBackend
{
    public const string BackendName = "openai-compatible";

    private readonly OpenAIBackendOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly Func<TimeSpan, CancellationToken, Task> _delay;
    private readonly ILogger<OpenAICompatibleBackend> _logger;
    private readonly HttpClient _httpClient;
    private readonly SkChat.IChatCompletionService _chat;
    private readonly SemaphoreSlim _inFlight;
    private readonly RetryBackoff _backoff;
    private ModelDescription _model;
    private int _servedModelKnown;

    /// <param name="options">Where and how to call the server.</param>
    /// <param name="handler">
    /// Transport for all requests (normally a <see cref="SocketsHttpHandler"/>); the backend owns and disposes it.
    /// TLS certificate validation is whatever this handler does: the backend never loosens it.
    /// </param>
    /// <param name="timeProvider">Clock for per-request timeouts, Retry-After dates and durations.</param>
    /// <param name="delay">Waits between retries; tests pass one that records instead of sleeping.</param>
    /// <param name="logger">Receives one warning per retry; never sees the API key.</param>
    /// <exception cref="ArgumentException">Invalid options, or plain http to a non-loopback host without permission.</exception>
    public OpenAICompatibleBackend(
        OpenAIBackendOptions options,
        HttpMessageHandler handler,
        TimeProvider timeProvider,
        Func<TimeSpan, CancellationToken, Task> delay,
        ILogger<OpenAICompatibleBackend> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(delay);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.ModelId, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxParallelRequests, 1, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxRetries, 0, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.MaxAnswerChars, 1, nameof(options));
        if (options.RequestTimeout <= TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(options), "RequestTimeout must be positive.");
        if (options.InitialRetryDelay < TimeSpan.Zero || options.MaxRetryDelay < options.InitialRetryDelay)
            throw new ArgumentOutOfRangeException(nameof(options), "Retry delays must satisfy 0 <= InitialRetryDelay <= MaxRetryDelay.");

        var endpoint = EndpointRules.ValidateForRequests(options.Endpoint, options.AllowInsecureHttp);

        _options = options;
        _timeProvider = timeProvider;
        _delay = delay;
        _logger = logger;
        _inFlight = new SemaphoreSlim(options.MaxParallelRequests, options.MaxParallelRequests);
        _backoff = new RetryBackoff(options.InitialRetryDelay, options.MaxRetryDelay, timeProvider);

        // A followed redirect would send the prompts and the key where no option says, past the plain-http rule:
        // the capture handler refuses every 3xx, so the transport must hand them over instead of following them. The
        // transport may sit under handlers of the caller's (the circuit breaker of run and audit): follow the chain.
        for (var inner = handler; inner is not null; inner = (inner as DelegatingHandler)?.InnerHandler)
        {
            if (inner is SocketsHttpHandler sockets) sockets.AllowAutoRedirect = false;
            else if (inner is HttpClientHandler client) client.AllowAutoRedirect = false;
        }

        // Our own per-attempt timeout applies; HttpClient's 100 s default would fire independently of it.
        _httpClient = new HttpClient(new ResponseCaptureHandler(handler, MaxResponseBytes(options.MaxAnswerChars)), disposeHandler: true)
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };

        // With a caller-supplied HttpClient, SK 1.82 builds the OpenAI client with ClientRetryPolicy(maxRetries: 0)
        // and an infinite network timeout, so the retry counts below are the only retries that happen.
#pragma warning disable SKEXP0010 // The endpoint overload is marked experimental, yet it is SK's way to reach non-OpenAI servers.
        var kernel = Kernel.CreateBuilder()
            .AddOpenAIChatCompletion(options.ModelId, endpoint, string.IsNullOrEmpty(options.ApiKey) ? null : options.ApiKey, httpClient: _httpClient)
            .Build();
#pragma warning restore SKEXP0010
        _chat = kernel.GetRequiredService<SkChat.IChatCompletionService>();

        _model = new ModelDescription
        {
            Name = options.ModelId,
            Backend = BackendName,
            Endpoint = EndpointRules.Sanitize(endpoint),
            ServedModel = null,
            Runtime = new Dictionary<string, string>
            {
                ["max_parallel_requests"] = options.MaxParallelRequests.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["request_timeout_s"] = options.RequestTimeout.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["max_retries"] = options.MaxRetries.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["max_answer_chars"] = options.MaxAnswerChars.ToString(System.Globalization.CultureInfo.InvariantCulture),
            },
        };
    }

    /// <inheritdoc />
    /// <remarks><see cref="ModelDescription.ServedModel"/> is null until the first successful response names the model.</remarks>
    public ModelDescription Model => Volatile.Read(ref _model);

    /// <inheritdoc />
    public async Task<Generation> GenerateAsync(GenerationRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var settings = ToSettings(request);
        var fallbackPrompt = JsonSerializer.Serialize(request.Messages.Select(m => new { role = m.Role, content = m.Content }));

        for (var attempt = 0; ; attempt++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var outcome = await AttemptAsync(request.Messages, settings, fallbackPrompt, cancellationToken).ConfigureAwait(false);
            if (outcome.Success is { } generation)
                return generation;

            var attempts = attempt + 1;
            if (!outcome.Retryable || attempt >= _options.MaxRetries)
            {
                var summary = attempts == 1 ? outcome.Error : $"{outcome.Error} (gave up after {attempts} attempts)";
                return Generation.Failed(Scrub(summary), fallbackPrompt);
            }

            var wait = _backoff.DelayBefore(attempt, outcome.RetryAfter);
            _logger.LogWarning("Attempt {Attempt} of {Attempts} failed ({Error}); retrying in {DelayMs:F0} ms.",
                attempts, _options.MaxRetries + 1, Scrub(outcome.Error), wait.TotalMilliseconds);
            await _delay(wait, cancellationToken).ConfigureAwait(false);
        }
    }

    public ValueTask DisposeAsync()
    {
        _httpClient.Dispose();
        _inFlight.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<AttemptOutcome> AttemptAsync(
        IReadOnlyList<ChatMessage> messages, OpenAIPromptExecutionSettings settings, string fallbackPrompt, CancellationToken cancellationToken)
    {
        await _inFlight.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // Set inside this async method, so the value flows down into the HTTP handler and is dropped on return.
            var capture = new ExchangeCapture();
            ResponseCaptureHandler.Current = capture;
            using var timeout = new CancellationTokenSource(_options.RequestTimeout, _timeProvider);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
            var started = _timeProvider.GetTimestamp();
            try
            {
                var results = await _chat.GetChatMessageContentsAsync(ToHistory(messages), settings, kernel: null, linked.Token)
                    .ConfigureAwait(false);
                return Succeeded(results.Count > 0 ? results[0] : null, capture, fallbackPrompt, _timeProvider.GetElapsedTime(started));
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception) when (timeout.IsCancellationRequested)
            {
                return AttemptOutcome.Transient($"no response within {_options.RequestTimeout.TotalSeconds:0.###} s (request timeout)");
            }
            catch (Exception e)
            {
                return Classify(e, capture, fallbackPrompt, _timeProvider.GetElapsedTime(started));
            }
        }
        finally
        {
            _inFlight.Release();
        }
    }

    private AttemptOutcome Succeeded(ChatMessageContent? message, ExchangeCapture capture, string fallbackPrompt, TimeSpan elapsed)
    {
        var raw = RawCompletion.TryParse(capture.ResponseBody, out var problem);
        if (message is null && raw is null)
            return AttemptOutcome.Transient($"HTTP {capture.StatusCode}: {problem}");
        var completion = message?.InnerContent as OpenAIChat.ChatCompletion;
        var servedModel = completion?.Model ?? raw?.Model;
        RememberServedModel(servedModel);

        return AttemptOutcome.Succeeded(Capped(new Generation
        {
            PromptAsSent = capture.RequestBody ?? fallbackPrompt,
            Text = message?.Content ?? raw?.Text ?? "",
            ServerReasoning = ReasoningThroughClient(completion) ?? raw?.Reasoning,
            PromptTokens = completion?.Usage?.InputTokenCount ?? raw?.PromptTokens ?? 0,
            CompletionTokens = completion?.Usage?.OutputTokenCount ?? raw?.CompletionTokens ?? 0,
            DurationMs = elapsed.TotalMilliseconds,
            FinishReason = MapFinishReason(raw?.FinishReason),
            Moderation = ModerationOf(raw?.FinishReason),
        }));
    }

    /// <summary>
    /// Bytes of a response body read at most: enough for an answer and a reasoning of <paramref name="maxAnswerChars"/>
    /// characters each at two bytes a character (UTF-8 of most scripts; escapes count more and are cut sooner), plus
    /// the JSON around them.
    /// </summary>
    private static long MaxResponseBytes(int maxAnswerChars) => 4L * maxAnswerChars + 64 * 1024;

    /// <summary>The generation with answer and reasoning cut to the cap; a cut one finishes as Capped.</summary>
    private Generation Capped(Generation generation, bool alreadyCut = false)
    {
        var text = Core.Attempts.AnswerLimits.Cut(generation.Text, _options.MaxAnswerChars, out var textCut);
        bool reasoningCut = false;
        var reasoning = generation.ServerReasoning is { } r ? Core.Attempts.AnswerLimits.Cut(r, _options.MaxAnswerChars, out reasoningCut) : null;
        if (!alreadyCut && !textCut && !reasoningCut)
            return generation;
        return generation with { Text = text, ServerReasoning = reasoning, FinishReason = FinishReason.Capped };
    }

    private AttemptOutcome Classify(Exception e, ExchangeCapture capture, string fallbackPrompt, TimeSpan elapsed)
    {
        if (capture.RedirectedTo is { } target)
            return AttemptOutcome.Permanent(
                $"HTTP {capture.StatusCode}: the server redirects to {EndpointRules.Sanitize(target)}; redirects are not followed, " +
                "so prompts and the key go only where the endpoint option says (give the final URL as the endpoint)");

        // A body longer than the cap was cut on purpose: what came before the cut is the answer, marked Capped.
        if (capture.ResponseBodyCut && capture.ResponseBody is { } cutBody && capture.StatusCode is >= 200 and < 300)
        {
            var partial = CutCompletionReader.Read(cutBody, _options.MaxAnswerChars);
            RememberServedModel(partial.Model);
            return AttemptOutcome.Succeeded(Capped(new Generation
            {
                PromptAsSent = capture.RequestBody ?? fallbackPrompt,
                Text = partial.Text ?? "",
                ServerReasoning = partial.Reasoning,
                DurationMs = elapsed.TotalMilliseconds,
                FinishReason = FinishReason.Capped,
            }, alreadyCut: true));
        }

        // Headers can arrive before the connection drops mid-body: the status only counts once the body is complete.
        var status = (e as HttpOperationException)?.StatusCode is { } code ? (int)code
            : capture.ResponseBody is not null ? capture.StatusCode
            : null;

        if (status is >= 200 and < 300)
        {
            // The server answered but the OpenAI client could not read the answer: an unknown finish_reason, say, or
            // broken JSON. Read what we can ourselves; only a body that is not usable JSON is worth retrying.
            var raw = RawCompletion.TryParse(capture.ResponseBody, out var problem);
            if (raw is null)
                return AttemptOutcome.Transient($"HTTP {status}: {problem}");
            RememberServedModel(raw.Model);
            return AttemptOutcome.Succeeded(Capped(new Generation
            {
                PromptAsSent = capture.RequestBody ?? fallbackPrompt,
                Text = raw.Text ?? "",
                ServerReasoning = raw.Reasoning,
                PromptTokens = raw.PromptTokens,
                CompletionTokens = raw.CompletionTokens,
                DurationMs = elapsed.TotalMilliseconds,
                FinishReason = MapFinishReason(raw.FinishReason),
                Moderation = ModerationOf(raw.FinishReason),
            }));
        }

        if (status is { } s)
        {
            var reason = capture.ReasonPhrase is { Length: > 0 } phrase ? phrase : ((HttpStatusCode)s).ToString();
            var detail = ServerMessage(capture.ResponseBody);
            var text = detail.Length > 0 ? $"HTTP {s} {reason}: {detail}" : $"HTTP {s} {reason}";
            var transient = s is 408 or 409 or 425 or 429 or >= 500;
            return transient ? AttemptOutcome.Transient(text, capture.RetryAfter) : AttemptOutcome.Permanent(text);
        }

        if (FindInner<HttpRequestException>(e) is { } http)
            return AttemptOutcome.Transient($"connection failed or dropped: {http.Message}");
        if (FindInner<IOException>(e) is { } io)
            return AttemptOutcome.Transient($"connection dropped: {io.Message}");
        if (FindInner<JsonException>(e) is { } json)
            return AttemptOutcome.Transient($"malformed JSON in response: {json.Message}");

        return AttemptOutcome.Permanent($"{e.GetType().Name}: {e.Message}");
    }

    /// <summary>
    /// <c>reasoning_content</c> is not an OpenAI field, but the OpenAI 2.x client keeps unknown JSON properties in the
    /// model's <c>Patch</c>. The raw body captured by <see cref="ResponseCaptureHandler"/> is the fallback should this
    /// experimental API change.
    /// </summary>
    private static string? ReasoningThroughClient(OpenAIChat.ChatCompletion? completion)
    {
        if (completion is null)
            return null;
#pragma warning disable SCME0001 // JsonPatch is experimental in System.ClientModel; the raw-body fallback covers a change.
        return completion.Patch.TryGetValue("$.choices[0].message.reasoning_content"u8, out string? reasoning) ? reasoning : null;
#pragma warning restore SCME0001
    }

    private void RememberServedModel(string? servedModel)
    {
        if (string.IsNullOrEmpty(servedModel) || Interlocked.Exchange(ref _servedModelKnown, 1) == 1)
            return;
        Volatile.Write(ref _model, _model with { ServedModel = servedModel });
    }

    private static OpenAIPromptExecutionSettings ToSettings(GenerationRequest request) => new()
    {
        Temperature = request.Sampler.Temperature,
        TopP = request.Sampler.TopP,
        MaxTokens = request.Sampler.MaxTokens,
        Seed = request.Seed,
        // The OpenAI 2.x client sends only max_completion_tokens; Ollama, LM Studio, DeepSeek and older llama-server
        // builds read max_tokens, and without it they would generate until their own (often unlimited) default.
#pragma warning disable SKEXP0010 // ExtraBody is experimental; it is the only way to add a field SK does not model.
        ExtraBody = new Dictionary<string, object?> { ["max_tokens"] = request.Sampler.MaxTokens },
#pragma warning restore SKEXP0010
    };

    private static SkChat.ChatHistory ToHistory(IReadOnlyList<ChatMessage> messages)
    {
        var history = new SkChat.ChatHistory();
        foreach (var message in messages)
        {
            var role = message.Role switch
            {
                "system" => SkChat.AuthorRole.System,
                "assistant" => SkChat.AuthorRole.Assistant,
                "user" => SkChat.AuthorRole.User,
                var other => new SkChat.AuthorRole(other),
            };
            history.AddMessage(role, message.Content);
        }
        return history;
    }

    private static FinishReason MapFinishReason(string? reason) => reason switch
    {
        "length" => FinishReason.Length,
        // The provider's filter cut or replaced the answer: kept and counted, never judged as the model's answer.
        "content_filter" => FinishReason.ContentFilter,
        // Tool calls still end a usable answer; the classifier judges the text itself.
        _ => FinishReason.Stop,
    };

    private static string? ModerationOf(string? reason) => reason == "content_filter" ? reason : null;

    /// <summary>The server's own error message when the body is OpenAI-style JSON, else the start of the body.</summary>
    private static string ServerMessage(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
            return "";
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("error", out var error))
            {
                if (error.ValueKind == JsonValueKind.String)
                    return Shorten(error.GetString() ?? "");
                if (error.ValueKind == JsonValueKind.Object && error.TryGetProperty("message", out var message)
                    && message.ValueKind == JsonValueKind.String)
                    return Shorten(message.GetString() ?? "");
            }
        }
        catch (JsonException)
        {
            // Not JSON: an HTML error page from a proxy, typically; its first words are still the best clue.
        }
        return Shorten(body);
    }

    private static string Shorten(string text)
    {
        var oneLine = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return oneLine.Length <= 200 ? oneLine : oneLine[..200] + "...";
    }

    /// <summary>One line, and never the key: servers sometimes echo the Authorization header back in their errors.</summary>
    private string Scrub(string text)
    {
        var oneLine = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return string.IsNullOrEmpty(_options.ApiKey) ? oneLine : oneLine.Replace(_options.ApiKey, "[api key]", StringComparison.Ordinal);
    }

    private static T? FindInner<T>(Exception e) where T : Exception
    {
        for (Exception? current = e; current is not null; current = current.InnerException)
            if (current is T match)
                return match;
        return null;
    }
}
