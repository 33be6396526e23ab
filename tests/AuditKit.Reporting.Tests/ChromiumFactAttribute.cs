namespace AuditKit.Reporting.Tests;

/// <summary>
/// A fact that drives Debian's headless Chromium. Where /usr/bin/chromium is missing it is reported as skipped with
/// the reason, never silently passed; Playwright is never allowed to download a browser of its own.
/// </summary>
public sealed class ChromiumFactAttribute : FactAttribute
{
    public const string ChromiumPath = "/usr/bin/chromium";

    public ChromiumFactAttribute()
    {
        if (!File.Exists(ChromiumPath))
            Skip = $"needs {ChromiumPath} (Debian: apt-get install -y chromium)";
    }
}
