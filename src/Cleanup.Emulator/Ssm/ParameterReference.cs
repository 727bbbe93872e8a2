namespace Cleanup.Emulator.Ssm;

/// <summary>
/// The Name of a parameter read: a name or an ARN of this emulator's account and Region, and for GetParameter an
/// optional <c>:version</c> or <c>:label</c> selector. <see cref="Name"/> is the name as the caller wrote it (AWS
/// answers with that spelling, leading slash or not); null when the caller used an ARN.
/// </summary>
internal sealed record ParameterReference(string Key, string? Name, string? Selector)
{
    public static ParameterReference Parse(string raw, EmulatorOptions options, bool allowSelector)
    {
        var text = ParameterName.Trim(raw);
        var prefix = ParameterName.ArnPrefix(options);
        var isArn = text.StartsWith("arn:", StringComparison.Ordinal);
        if (isArn && !text.StartsWith(prefix, StringComparison.Ordinal))
        {
            // Parameters shared from other accounts are out of scope: nothing else exists here.
            throw ParameterErrors.NotFound(text);
        }

        var rest = isArn ? text[prefix.Length..] : text;
        var colon = rest.IndexOf(':', StringComparison.Ordinal);
        var name = colon < 0 ? rest : rest[..colon];
        var selector = colon < 0 ? null : rest[(colon + 1)..];
        if (selector is not null && (!allowSelector || selector.Length == 0 || selector.Contains(':', StringComparison.Ordinal)))
        {
            throw new AwsErrorException("ValidationException", ParameterName.InvalidMessage);
        }

        // An ARN's resource part has no leading slash; "parameter/a/b" names "/a/b".
        var fullName = isArn ? "/" + name : name;
        ParameterName.CheckSyntax(fullName);
        return new ParameterReference(ParameterName.KeyOf(fullName), isArn ? null : name, selector);
    }
}
