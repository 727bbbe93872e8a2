using System.Globalization;

namespace Cleanup.Emulator.Ssm;

/// <summary>A parameter and the versions Parameter Store still keeps, oldest first; only touched under <see cref="SsmState.Gate"/>.</summary>
internal sealed class ParameterRecord
{
    private readonly List<ParameterVersion> _versions = [];

    public required long Sequence { get; init; }

    public required string Key { get; init; }

    /// <summary>Set when the parameter is created: PutParameter refuses tags on an overwrite.</summary>
    public Dictionary<string, string> Tags { get; } = new(StringComparer.Ordinal);

    public IReadOnlyList<ParameterVersion> Versions => _versions;

    public ParameterVersion Latest => _versions[^1];

    /// <summary>Appends a version, dropping the oldest beyond the 100 kept; version numbers never go back.</summary>
    public void Add(ParameterVersion version)
    {
        _versions.Add(version);
        if (_versions.Count > ParameterModel.VersionsKept)
        {
            _versions.RemoveAt(0);
        }
    }

    /// <summary>The latest version, or the one a selector names; null when there is no such version (or label).</summary>
    public ParameterVersion? Select(string? selector)
    {
        if (selector is null)
        {
            return Latest;
        }

        // Labels (LabelParameterVersion) are not emulated, so a label selector never matches.
        return long.TryParse(selector, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            ? _versions.Find(v => v.Version == number)
            : null;
    }

    public EmulatedParameter Snapshot() => new(
        Latest.Name, Latest.Type, Latest.Value, Latest.Version, Latest.LastModifiedDate, Latest.Tier,
        new Dictionary<string, string>(Tags, StringComparer.Ordinal));
}
