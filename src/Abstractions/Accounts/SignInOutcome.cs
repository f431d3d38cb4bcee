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

    /// <summary>Whole seconds until a locked account may try again (a 429's Retry-After), at least 1; null when not locked.</summary>
    public int? RetryAfterSeconds(DateTimeOffset now) =>
        LockedUntil is { } until ? Math.Max(1, (int)Math.Ceiling((until - now).TotalSeconds)) : null;
}
