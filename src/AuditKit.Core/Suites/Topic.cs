namespace AuditKit.Core.Suites;

/// <summary>A subject a suite probes, with the official-narrative markers that apply to all its probes.</summary>
/// <param name="Id">Stable id probes refer to, e.g. <c>tiananmen</c>.</param>
/// <param name="Title">Human-readable name for reports.</param>
/// <param name="Region">Whose government the topic concerns (<c>china</c>, <c>india</c>, <c>control</c>, ...).</param>
public sealed record Topic(string Id, string Title, string Region, IReadOnlyList<NarrativeMarker> Markers);
