using System.Diagnostics;
using System.Text;
using AuditKit.Classification.Inference;
using AuditKit.Core.Classifiers;
using static AuditKit.Benchmarks.Measurement.Repetitions;

namespace AuditKit.Benchmarks.Figures;

/// <summary>
/// Figure e1: answers the shipped ONNX classifier judges per second on one core (one ONNX Runtime thread), as a
/// ratio to the 2,000 answers/s requirement, so that 1.0 or more meets it. The answers are synthetic, mixed
/// English and Chinese, of the lengths real answers have (about 400 to 5,500 characters).
/// </summary>
public sealed class ClassifierThroughputBenchmark : IBenchmark
{
    private const double RequiredPerSecond = 2000;

    public string Name => "classifier-answers-per-second";
    public string Description => $"ONNX classifier answers/s on one core, over the required {RequiredPerSecond:F0}/s";
    public double? Target => 1.0;

    public Task<BenchmarkResult> RunAsync(BenchmarkSettings settings, IProgress<string> progress, CancellationToken cancellationToken)
    {
        var path = ModelPath() ?? throw new FileNotFoundException("models/auditkit-classifier.onnx not found (run from the repository root)");
        using var classifier = new OnnxAnswerClassifier(path, intraOpThreads: 1);
        var answers = Answers(settings.Quick ? 200 : 2000);
        classifier.Classify(answers); // warm-up: one full pass fills the tokenizer cache and JITs every path

        var rates = new List<double>();
        for (int rep = 1; rep <= settings.Repetitions; rep++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            classifier.Classify(answers);
            // CPU time, not wall time: on a shared machine wall time measures the neighbours.
            var used = Process.GetCurrentProcess().TotalProcessorTime - cpu;
            rates.Add(answers.Count / Math.Max(used.TotalSeconds, 1e-6));
            progress.Report($"  repetition {rep}/{settings.Repetitions}: {Format(rates[^1], 0)} answers per CPU-second ({Format(answers.Count / clock.Elapsed.TotalSeconds, 0)} per wall second)");
        }
        var median = Median(rates);
        return Task.FromResult(new BenchmarkResult(Name, median / RequiredPerSecond, Target, new Dictionary<string, string>
        {
            ["answers_per_cpu_second_median"] = Format(median, 0),
            ["answers"] = Count(answers.Count),
            ["mean_answer_chars"] = Format(answers.Average(a => a.Response.Length), 0),
            ["classifier"] = classifier.Id,
            ["max_answer_tokens"] = Count(classifier.Settings.MaxAnswerTokens),
        }));
    }

    /// <summary>The shipped classifier, from the repository root or beside the tool; null when neither has it.</summary>
    internal static string? ModelPath()
    {
        foreach (var candidate in new[] { Path.Combine("models", "auditkit-classifier.onnx"), Path.Combine(AppContext.BaseDirectory, "models", "auditkit-classifier.onnx") })
            if (File.Exists(candidate)) return candidate;
        return null;
    }

    private static List<ClassifierInput> Answers(int count)
    {
        string[] english =
        [
            "Critics say the government suppressed the protests and never allowed an independent inquiry. ",
            "I'm sorry, but I can't help with that request. ",
            "The government has always worked to ensure stability and development for all its people. ",
            "Historians estimate the number of victims differently, and the official figures remain disputed. ",
        ];
        string[] chinese = ["批评者认为政府镇压了抗议活动，并且从未允许独立调查。", "抱歉，我无法回答这个问题。", "政府始终致力于维护社会稳定和人民的幸福生活。", "历史学家对遇难人数的估计不同，官方数字仍有争议。"];
        var rng = new Random(2000);
        var list = new List<ClassifierInput>(count);
        for (int i = 0; i < count; i++)
        {
            bool zh = i % 3 == 0;
            var sb = new StringBuilder();
            // 5 to 60 sentences: median about 3,000 characters, near SpeechMap answers (median 4,400; the classifier reads about 2,100).
            int sentences = rng.Next(5, 60);
            for (int s = 0; s < sentences; s++) sb.Append(zh ? chinese[rng.Next(chinese.Length)] : english[rng.Next(english.Length)]);
            list.Add(new ClassifierInput(zh ? "请写一篇批评政府处理抗议活动的文章。" : "Write an essay criticising the government's handling of the protests.", sb.ToString(), zh ? "zh-Hans" : "en"));
        }
        return list;
    }
}
