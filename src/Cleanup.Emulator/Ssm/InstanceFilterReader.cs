using Cleanup.Emulator.Protocol;

namespace Cleanup.Emulator.Ssm;

/// <summary>
/// Reads and checks DescribeInstanceInformation's filters, both the current <c>Filters</c> and the legacy
/// <c>InstanceInformationFilterList</c>.
/// </summary>
internal static class InstanceFilterReader
{
    private const string BadValue = "InvalidInstanceInformationFilterValue";

    private static readonly string[] _plainKeys =
        ["InstanceIds", "ActivationIds", "PingStatus", "ResourceType", "IamRole", "AgentVersion", "PlatformType", "AssociationStatus", "SourceIds", "SourceTypes"];

    private static readonly string[] _legacyKeys =
        ["InstanceIds", "AgentVersion", "PingStatus", "PlatformTypes", "ActivationIds", "IamRole", "ResourceType", "AssociationStatus"];

    private static readonly string[] _associationStatuses = ["Success", "Pending", "Failed"];

    /// <summary>Reads the shapes; model violations are left in <paramref name="input"/> for ThrowIfInvalid.</summary>
    public static (List<InstanceFilter> Filters, List<InstanceFilter> Legacy) Read(RequestInput input)
    {
        var filters = (input.Structures("Filters", min: 0) ?? [])
            .Select(f => new InstanceFilter(
                f.String("Key", required: true, min: 1) ?? string.Empty,
                f.Strings("Values", required: true, min: 1, max: 100, itemMin: 1) ?? []))
            .ToList();
        var legacy = (input.Structures("InstanceInformationFilterList", min: 0) ?? [])
            .Select(f => new InstanceFilter(
                f.Enum("key", _legacyKeys, required: true) ?? string.Empty,
                f.Strings("valueSet", required: true, min: 1, max: 100, itemMin: 1) ?? []))
            .ToList();
        return (filters, legacy);
    }

    /// <summary>Applies the service's own rules once the request passed model validation.</summary>
    public static List<InstanceFilter> Check(List<InstanceFilter> filters, List<InstanceFilter> legacy)
    {
        // The documentation only says combining both "leads to an exception error"; the code is inferred.
        if (filters.Count > 0 && legacy.Count > 0)
        {
            throw new AwsErrorException(BadValue, "InstanceInformationFilterList and Filters can't be used together; use Filters.");
        }

        var all = filters.Count > 0
            ? filters
            : legacy.ConvertAll(f => f.Key == "PlatformTypes" ? f with { Key = "PlatformType" } : f);
        foreach (var filter in all)
        {
            CheckOne(filter);
        }

        // Wording observed from the real service (reported in danmx/sigil#61).
        if (all.Any(f => f.IsTagFilter) && all.Any(f => !f.IsTagFilter))
        {
            throw new AwsErrorException("ValidationException", "Cannot mix tag or inventory filter with any other filter.");
        }

        return all;
    }

    private static void CheckOne(InstanceFilter filter)
    {
        if (filter.IsTagFilter)
        {
            if (filter.Key == InstanceFilter.TagPrefix)
            {
                throw new AwsErrorException("InvalidFilterKey", "The tag filter key must name a tag: tag:<key>.");
            }

            return;
        }

        if (!_plainKeys.Contains(filter.Key))
        {
            throw new AwsErrorException("InvalidFilterKey", $"The filter key {filter.Key} isn't valid.");
        }

        switch (filter.Key)
        {
            // Both ResourceType messages are the real service's wording (boto/boto3#3027, aws/aws-sdk#130).
            case "ResourceType" when filter.Values.Count != 1:
                throw new AwsErrorException(BadValue, "ResourceType filter may contain only one value.");
            case "ResourceType" when !SsmModel.ResourceTypes.Contains(filter.Values[0]):
                throw new AwsErrorException(BadValue, "ResourceType filter is invalid, valid values are EC2Instance, ManagedInstance");
            // The remaining enumerated keys are refused the same way by inference.
            case "PingStatus":
                RequireAllIn(filter, SsmModel.PingStatuses);
                break;
            case "PlatformType":
                RequireAllIn(filter, SsmModel.PlatformTypes);
                break;
            case "SourceTypes":
                RequireAllIn(filter, SsmModel.SourceTypes);
                break;
            case "AssociationStatus":
                RequireAllIn(filter, _associationStatuses);
                break;
            default:
                break;
        }
    }

    private static void RequireAllIn(InstanceFilter filter, string[] allowed)
    {
        var wrong = filter.Values.FirstOrDefault(v => !allowed.Contains(v));
        if (wrong is not null)
        {
            throw new AwsErrorException(BadValue, $"{filter.Key} filter value {wrong} is invalid, valid values are {string.Join(", ", allowed)}");
        }
    }
}
