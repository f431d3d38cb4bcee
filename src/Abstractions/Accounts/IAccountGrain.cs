namespace PrintFarm.Accounts;

/// <summary>One account, keyed by its login in lower case (<see cref="AccountNames.Normalize"/>).</summary>
[Alias("PrintFarm.IAccountGrain")]
public interface IAccountGrain : IGrainWithStringKey
{
    /// <summary>Creates the account; throws <see cref="AccountExistsException"/> when the login is taken by a different one.</summary>
    [Alias("Create")]
    Task<AccountView> Create(AccountSpec spec);

    /// <summary>Null when there is no such account.</summary>
    [Alias("View")]
    Task<AccountView?> View();

    /// <summary>Checks a password, counting failures: after too many the account is locked for a while.</summary>
    [Alias("SignIn")]
    Task<SignInOutcome> SignIn(string password);

    /// <summary>Records a key issued to this account (for listings).</summary>
    [Alias("KeyIssued")]
    Task KeyIssued(string keyId);
}
