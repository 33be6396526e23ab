using Microsoft.Data.Sqlite;

namespace AuditKit.Cli.Tests;

/// <summary>Reads a run folder's database the way an observer would while a run may still be writing to it.</summary>
internal static class StoredRows
{
    /// <summary>
    /// The scalar of <paramref name="sql"/>, or 0 while there is no database or its schema has not been written yet
    /// (a run killed during start-up leaves such a file, and the resume must cope with it).
    /// </summary>
    public static long Count(string runDir, string sql = "SELECT COUNT(*) FROM attempts")
    {
        var db = Path.Combine(runDir, "run.sqlite");
        if (!File.Exists(db)) return 0;
        using var c = new SqliteConnection($"Data Source={db};Mode=ReadOnly;Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'attempts'";
        if ((long)cmd.ExecuteScalar()! == 0) return 0;
        cmd.CommandText = sql;
        return (long)cmd.ExecuteScalar()!;
    }

    /// <summary>The text scalar of <paramref name="sql"/> on a finished run.</summary>
    public static string? Text(string runDir, string sql)
    {
        using var c = new SqliteConnection($"Data Source={Path.Combine(runDir, "run.sqlite")};Mode=ReadOnly;Pooling=False");
        c.Open();
        using var cmd = c.CreateCommand();
        cmd.CommandText = sql;
        return cmd.ExecuteScalar() as string;
    }
}
