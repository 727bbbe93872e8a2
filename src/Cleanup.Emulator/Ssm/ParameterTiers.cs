namespace Cleanup.Emulator.Ssm;

/// <summary>Which tier a put lands in, and the value size that tier allows.</summary>
internal static class ParameterTiers
{
    /// <param name="requested">The request's Tier, if any.</param>
    /// <param name="current">The parameter's tier before this put; null when it is being created.</param>
    /// <param name="valueLength">The new value's length.</param>
    /// <param name="standardFull">Whether the account already holds the most standard parameters it may.</param>
    public static string Resolve(string? requested, string? current, int valueLength, bool standardFull)
    {
        switch (requested)
        {
            case ParameterModel.Advanced:
                return ParameterModel.Advanced;
            case ParameterModel.Standard when current == ParameterModel.Advanced:
                // Inferred code: the documentation says a downgrade is refused (it would truncate values and drop
                // policies), not with which error.
                throw ParameterErrors.Validation(
                    "You can't downgrade a parameter from the advanced-parameter tier to the standard-parameter tier. "
                    + "To use the standard tier, delete the parameter and create it again.");
            case ParameterModel.Standard:
                return ParameterModel.Standard;
            case ParameterModel.IntelligentTiering:
                // Standard unless something needs Advanced: a larger value, or no standard parameter left to create.
                var needsAdvanced = current == ParameterModel.Advanced
                    || valueLength > ParameterModel.StandardValueMax
                    || (current is null && standardFull);
                return needsAdvanced ? ParameterModel.Advanced : ParameterModel.Standard;
            default:
                // Without a Tier the account's default tier applies, which is Standard until an account changes it
                // (not emulated); an advanced parameter stays advanced because it cannot be downgraded.
                return current ?? ParameterModel.Standard;
        }
    }

    public static void CheckValue(string tier, string value)
    {
        if (tier == ParameterModel.Standard && value.Length > ParameterModel.StandardValueMax)
        {
            throw ParameterErrors.Validation(
                $"Standard tier parameters support a maximum parameter value of {ParameterModel.StandardValueMax} characters. "
                + "To create a larger parameter value, upgrade the parameter to use the advanced-parameter tier. For more "
                + "information, see https://docs.aws.amazon.com/systems-manager/latest/userguide/parameter-store-advanced-parameters.html");
        }

        if (value.Length > ParameterModel.AdvancedValueMax)
        {
            throw ParameterErrors.Validation(
                $"Advanced tier parameters support a maximum parameter value of {ParameterModel.AdvancedValueMax} characters.");
        }
    }
}
