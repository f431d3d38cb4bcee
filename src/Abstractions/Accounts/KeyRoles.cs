namespace PrintFarm.Accounts;

/// <summary>What role a key of an account may have: the API and <c>./farm accounts</c> ask the same rule.</summary>
public static class KeyRoles
{
    /// <summary>
    /// A key can do no more than its account. Customer is not below the staff roles but beside
    /// them (it orders, a viewer does not): a customer's keys are customer keys only.
    /// </summary>
    public static bool Allows(AccountRole account, AccountRole key) =>
        account == AccountRole.Customer ? key == AccountRole.Customer : key <= account;
}
