using System.CommandLine;
using AuditKit.Cli.Output;
using AuditKit.Core.Attempts;
using AuditKit.Runner.Imports;

namespace AuditKit.Cli.Commands;

/// <summary><c>auditkit import</c>: external transcripts become a run that classify, export and report treat like a native one.</summary>
public static class ImportCommand
{
    public static Command Create(CliContext cli)
    {
        var data = new Option<string>("--data") { Description = "Transcript file (JSON Lines or CSV)", Required = true };
        var output = new Option<string>("--out") { Description = "Run folder to create", Required = true };
        var format = new Option<string?>("--format") { Description = "jsonl or csv (default: from the file extension)" };
        var map = new Option<string?>("--map") { Description = "field=column,... e.g. prompt=question,probe_id=question_id (fields: " + string.Join(", ", FieldMap.KnownFields) + ")" };
        var maxField = new Option<int>("--max-field-chars")
        {
            Description = "Characters kept of a response or reasoning (longer ones are cut and marked Capped); longer other fields are refused",
            DefaultValueFactory = _ => AnswerLimits.DefaultMaxChars,
        };
        var controlTopics = new Option<string?>("--control-topics") { Description = "Topics whose records are controls for the others, e.g. us,eu,russia for SpeechMap's china questions (pair questions one to one with --map pair=COLUMN)" };
        var command = new Command("import", "Import external transcripts as a run") { data, output, format, map, controlTopics, maxField };
        command.SetAction(r =>
        {
            var path = r.GetValue(data)!;
            var fmt = r.GetValue(format) ?? TranscriptReader.GuessFormat(path) ?? throw new UserInputException($"--format: cannot tell the format of {TerminalText.Safe(path)}; give jsonl or csv");
            int maxChars = OptionRange.Check(r.GetValue(maxField), AnswerLimits.MinMaxChars, AnswerLimits.MaxMaxChars, "--max-field-chars");
            var controls = r.GetValue(controlTopics)?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
            if (controls is { Count: 0 }) throw new UserInputException("--control-topics: empty list");
            int count = TranscriptImporter.Import(path, fmt, FieldMap.Parse(r.GetValue(map)), OutputPaths.WritableFolder(r.GetValue(output), "--out"), cli.Clock, maxChars, controls);
            cli.Out.WriteLine($"Imported {count} attempts into {TerminalText.Safe(r.GetValue(output))}");
            return ExitCodes.Success;
        });
        return command;
    }
}
