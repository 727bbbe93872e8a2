namespace Cleanup.Options;

/// <summary>Configuration that cannot be trusted: the run stops before any AWS call.</summary>
public sealed class InvalidOptionsException : Exception
{
    public InvalidOptionsException(IReadOnlyList<string> problems)
        : base("Invalid configuration: " + string.Join("; ", problems))
    {
        Problems = problems;
    }

    public InvalidOptionsException()
        : this([])
    {
    }

    public InvalidOptionsException(string message)
        : this([message])
    {
    }

    public InvalidOptionsException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [message];
    }

    public IReadOnlyList<string> Problems { get; } = [];
}
