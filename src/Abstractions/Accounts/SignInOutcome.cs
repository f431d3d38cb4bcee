namespace PrintFarm.Accounts;

/// <summary>
/// What a password sign-in came to. A wrong login and a wrong password look the same to the
/// caller; a locked account says until when, for the 429's Retry-After.
/// </summary>
[GenerateSerializer, Alias("PrintFarm.SignInOutcome")]
public sealed record SignInOutcome
{
    [Id(0)] public Caller? Caller { get; init; }
    [Id(1)] public DateTimeOffset? LockedUntil { get; init; }

    public static readonly SignInOutcome Refused = new();
}
