using System.Globalization;

namespace AuditKit.Cli;

/// <summary>The one range check for numeric options, so every command words an out-of-range value the same way.</summary>
internal static class OptionRange
{
    public static double Check(double value, double min, double max, string option) =>
        value >= min && value <= max ? value
            : throw new UserInputException(string.Create(CultureInfo.InvariantCulture, $"{option}: {value} is outside {min}..{max}"));

    public static int Check(int value, int min, int max, string option) => (int)Check((double)value, min, max, option);
}
