<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="en">
<context>
    <name>AccountEditPage</name>
    <message>
        <source>Each custom field needs a name</source>
        <translation>Each custom field needs a name</translation>
    </message>
    <message>
        <source>The custom field &quot;%1&quot; appears twice</source>
        <translation>The custom field &quot;%1&quot; appears twice</translation>
    </message>
    <message>
        <source>Edit account</source>
        <translation>Edit account</translation>
    </message>
    <message>
        <source>New account</source>
        <translation>New account</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>Basic information</source>
        <translation>Basic information</translation>
    </message>
    <message>
        <source>e.g. hotel, hospital, government office</source>
        <translation>e.g. hotel, hospital, government office</translation>
    </message>
    <message>
        <source>Demand and consumption</source>
        <translation>Demand and consumption</translation>
    </message>
    <message>
        <source>e.g. daily hospitality, PR events</source>
        <translation>e.g. daily hospitality, PR events</translation>
    </message>
    <message>
        <source>Annual agreement</source>
        <translation>Annual agreement</translation>
    </message>
    <message>
        <source>Relations and notes</source>
        <translation>Relations and notes</translation>
    </message>
    <message>
        <source>Who knows whom, associations, mutual contacts</source>
        <translation>Who knows whom, associations, mutual contacts</translation>
    </message>
    <message>
        <source>Custom fields</source>
        <translation>Custom fields</translation>
    </message>
    <message>
        <source>+ Add field</source>
        <translation>+ Add field</translation>
    </message>
    <message>
        <source>Add facts of your own, e.g. &quot;parking&quot;: &quot;east gate&quot;.</source>
        <translation>Add facts of your own, e.g. &quot;parking&quot;: &quot;east gate&quot;.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Value</translation>
    </message>
    <message>
        <source>Remove field</source>
        <translation>Remove field</translation>
    </message>
    <message>
        <source>e.g. West Lake State Guesthouse, Hangzhou</source>
        <translation>e.g. West Lake State Guesthouse, Hangzhou</translation>
    </message>
    <message>
        <source>e.g. Xihu District</source>
        <translation>e.g. Xihu District</translation>
    </message>
</context>
<context>
    <name>AccountPage</name>
    <message>
        <source>volume %1</source>
        <translation>volume %1</translation>
    </message>
    <message>
        <source>%1 to %2</source>
        <translation>%1 to %2</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>Edit</translation>
    </message>
    <message>
        <source>Basic information</source>
        <translation>Basic information</translation>
    </message>
    <message>
        <source>Industry</source>
        <translation>Industry</translation>
    </message>
    <message>
        <source>Scale</source>
        <translation>Scale</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>Region</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>Exit reason</source>
        <translation>Exit reason</translation>
    </message>
    <message>
        <source>Demand and consumption</source>
        <translation>Demand and consumption</translation>
    </message>
    <message>
        <source>Demand profile</source>
        <translation>Demand profile</translation>
    </message>
    <message>
        <source>Capacity</source>
        <translation>Capacity</translation>
    </message>
    <message>
        <source>Purchase channel</source>
        <translation>Purchase channel</translation>
    </message>
    <message>
        <source>Price level</source>
        <translation>Price level</translation>
    </message>
    <message>
        <source>Price sensitivity</source>
        <translation>Price sensitivity</translation>
    </message>
    <message>
        <source>Competitors</source>
        <translation>Competitors</translation>
    </message>
    <message>
        <source>Annual agreement</source>
        <translation>Annual agreement</translation>
    </message>
    <message>
        <source>Key persons (%1)</source>
        <translation>Key persons (%1)</translation>
    </message>
    <message>
        <source>+ Add key person</source>
        <translation>+ Add key person</translation>
    </message>
    <message>
        <source>No key persons recorded. Add the head of unit, the purchasing decision-maker and the handler.</source>
        <translation>No key persons recorded. Add the head of unit, the purchasing decision-maker and the handler.</translation>
    </message>
    <message>
        <source>Record a role change</source>
        <translation>Record a role change</translation>
    </message>
    <message>
        <source>Key position changes</source>
        <translation>Key position changes</translation>
    </message>
    <message>
        <source>Referrals</source>
        <translation>Referrals</translation>
    </message>
    <message>
        <source>+ Record referral</source>
        <translation>+ Record referral</translation>
    </message>
    <message>
        <source>No referrals yet. Ask satisfied customers for new contacts.</source>
        <translation>No referrals yet. Ask satisfied customers for new contacts.</translation>
    </message>
    <message>
        <source>Referred by (chain)</source>
        <translation>Referred by (chain)</translation>
    </message>
    <message>
        <source>Accounts it referred</source>
        <translation>Accounts it referred</translation>
    </message>
    <message>
        <source>Social relations</source>
        <translation>Social relations</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>Custom fields</source>
        <translation>Custom fields</translation>
    </message>
    <message>
        <source>, </source>
        <extracomment>the separator between the parts of the annual agreement</extracomment>
        <translation>, </translation>
    </message>
    <message>
        <source>Account manager</source>
        <translation>Account manager</translation>
    </message>
    <message>
        <source>Next time: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Continue the visit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start visit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Call</source>
        <translation type="unfinished">Call</translation>
    </message>
    <message>
        <source>Navigate</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Falling behind: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AccountRow</name>
    <message>
        <source>Next: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Falling behind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key person %1 (%2)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key person %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Address: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AccountsPage</name>
    <message>
        <source>Accounts</source>
        <translation>Accounts</translation>
    </message>
    <message>
        <source>Search name, pinyin, key person, phone</source>
        <translation>Search name, pinyin, key person, phone</translation>
    </message>
    <message>
        <source>Clear search</source>
        <translation>Clear search</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>Tier</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Stage</translation>
    </message>
    <message>
        <source>Industry</source>
        <translation>Industry</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>Region</translation>
    </message>
    <message numerus="yes">
        <source>%n account(s)</source>
        <translation>
            <numerusform>%n account</numerusform>
            <numerusform>%n accounts</numerusform>
        </translation>
    </message>
    <message>
        <source>No account matches</source>
        <translation>No account matches</translation>
    </message>
    <message>
        <source>No accounts yet</source>
        <translation>No accounts yet</translation>
    </message>
    <message>
        <source>Tap + to add your first account.</source>
        <translation>Tap + to add your first account.</translation>
    </message>
    <message>
        <source>New account</source>
        <translation>New account</translation>
    </message>
    <message>
        <source>My day</source>
        <translation>My day</translation>
    </message>
    <message>
        <source>Try fewer words, the first letters of the name (zs for 张三), or a key person&apos;s name or phone.</source>
        <translation>Try fewer words, the first letters of the name (张三: zs), or a key person&apos;s name or phone.</translation>
    </message>
    <message>
        <source>New account “%1”</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>AgendaPage</name>
    <message>
        <source>My day</source>
        <translation>My day</translation>
    </message>
    <message>
        <source>The day before</source>
        <translation>The day before</translation>
    </message>
    <message>
        <source>The day after</source>
        <translation>The day after</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Today</translation>
    </message>
    <message>
        <source>Overlaps: %1</source>
        <translation>Overlaps: %1</translation>
    </message>
    <message>
        <source>No appointment this day</source>
        <translation>No appointment this day</translation>
    </message>
    <message>
        <source>Book one from an account&apos;s page after calling ahead.</source>
        <translation>Book one from an account&apos;s page after calling ahead.</translation>
    </message>
</context>
<context>
    <name>AppointmentChangeDialog</name>
    <message>
        <source>Cancel the appointment</source>
        <translation>Cancel the appointment</translation>
    </message>
    <message>
        <source>Move the appointment</source>
        <translation>Move the appointment</translation>
    </message>
    <message>
        <source>New day</source>
        <translation>New day</translation>
    </message>
    <message>
        <source>Time</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>HH:mm</source>
        <translation>HH:mm</translation>
    </message>
    <message>
        <source>e.g. the customer is away on business</source>
        <translation>e.g. the customer is away on business</translation>
    </message>
    <message>
        <source>e.g. the customer has a meeting</source>
        <translation>e.g. the customer has a meeting</translation>
    </message>
    <message>
        <source>Back</source>
        <translation>Back</translation>
    </message>
    <message>
        <source>Cancel it</source>
        <translation>Cancel it</translation>
    </message>
    <message>
        <source>Move it</source>
        <translation>Move it</translation>
    </message>
</context>
<context>
    <name>AppointmentController</name>
    <message>
        <source>Enter the new day and time</source>
        <translation>Enter the new day and time</translation>
    </message>
    <message numerus="yes">
        <source>%n minute(s) before</source>
        <translation>
            <numerusform>%n minute before</numerusform>
            <numerusform>%n minutes before</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n hour(s) before</source>
        <translation>
            <numerusform>%n hour before</numerusform>
            <numerusform>%n hours before</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 at %2</source>
        <translation>%1 at %2</translation>
    </message>
</context>
<context>
    <name>AppointmentEditPage</name>
    <message>
        <source>Nobody in particular</source>
        <translation>Nobody in particular</translation>
    </message>
    <message>
        <source>Enter the day as YYYY-MM-DD and the time as HH:mm</source>
        <translation>Enter the day as YYYY-MM-DD and the time as HH:mm</translation>
    </message>
    <message>
        <source>Book an appointment</source>
        <translation>Book an appointment</translation>
    </message>
    <message>
        <source>Book</source>
        <translation>Book</translation>
    </message>
    <message>
        <source>Sign in on the Sync tab first: an appointment is booked in your name.</source>
        <translation>Sign in on the Sync tab first: an appointment is booked in your name.</translation>
    </message>
    <message>
        <source>HH:mm</source>
        <translation>HH:mm</translation>
    </message>
    <message>
        <source>Runs into: %1. You can still book it.</source>
        <translation>Runs into: %1. You can still book it.</translation>
    </message>
    <message>
        <source>e.g. third-floor meeting room</source>
        <translation>e.g. third-floor meeting room</translation>
    </message>
</context>
<context>
    <name>AppointmentsCard</name>
    <message>
        <source>Appointments</source>
        <translation>Appointments</translation>
    </message>
    <message>
        <source>+ Book</source>
        <translation>+ Book</translation>
    </message>
    <message>
        <source>No appointment yet. Call ahead and book the visit here.</source>
        <translation>No appointment yet. Call ahead and book the visit here.</translation>
    </message>
    <message>
        <source>Overlaps: %1</source>
        <translation>Overlaps: %1</translation>
    </message>
    <message>
        <source>Move</source>
        <translation>Move</translation>
    </message>
    <message>
        <source>Cancel appointment</source>
        <translation>Cancel appointment</translation>
    </message>
</context>
<context>
    <name>ArchiveController</name>
    <message>
        <source>This account already has a referrer recorded</source>
        <translation>This account already has a referrer recorded</translation>
    </message>
    <message>
        <source>This referral would make a loop in the referral chain</source>
        <translation>This referral would make a loop in the referral chain</translation>
    </message>
    <message>
        <source>Another account manager</source>
        <translation>Another account manager</translation>
    </message>
    <message>
        <source>Birthday %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not visited yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Visited today</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Last visit %n day(s) ago</source>
        <translation>
            <numerusform>Last visit %n day ago</numerusform>
            <numerusform>Last visit %n days ago</numerusform>
        </translation>
    </message>
    <message>
        <source>Appointment %1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1, overdue %n day(s)</source>
        <translation>
            <numerusform>%1, overdue %n day</numerusform>
            <numerusform>%1, overdue %n days</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>CadenceCard</name>
    <message>
        <source>Contact cadence</source>
        <translation type="unfinished">Contact cadence</translation>
    </message>
    <message>
        <source>+ Log a contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of at most %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No cadence for this tier: follow-ups drive it.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ContactLogPage</name>
    <message>
        <source>Nobody in particular</source>
        <translation type="unfinished">Nobody in particular</translation>
    </message>
    <message>
        <source>Log a contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save</source>
        <translation type="unfinished">Save</translation>
    </message>
    <message>
        <source>What was said, what was sent</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ContactRow</name>
    <message>
        <source>Call</source>
        <translation>Call</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>Map</source>
        <translation>Map</translation>
    </message>
</context>
<context>
    <name>DateField</name>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>YYYY-MM-DD</translation>
    </message>
</context>
<context>
    <name>DiscardChangesDialog</name>
    <message>
        <source>Leave without saving?</source>
        <translation>Leave without saving?</translation>
    </message>
    <message>
        <source>What you entered on this page has not been saved.</source>
        <translation>What you entered on this page has not been saved.</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation>Discard</translation>
    </message>
    <message>
        <source>Keep editing</source>
        <translation>Keep editing</translation>
    </message>
</context>
<context>
    <name>EnumCombo</name>
    <message>
        <source>Not set</source>
        <translation>Not set</translation>
    </message>
</context>
<context>
    <name>FilterButton</name>
    <message>
        <source>All</source>
        <translation>All</translation>
    </message>
</context>
<context>
    <name>FormField</name>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
</context>
<context>
    <name>Formats</name>
    <message>
        <source>Today</source>
        <translation>Today</translation>
    </message>
    <message>
        <source>Tomorrow</source>
        <translation>Tomorrow</translation>
    </message>
    <message>
        <source>Yesterday</source>
        <translation>Yesterday</translation>
    </message>
    <message numerus="yes">
        <source>In %n day(s)</source>
        <translation>
            <numerusform>In %n day</numerusform>
            <numerusform>In %n days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) ago</source>
        <translation>
            <numerusform>%n day ago</numerusform>
            <numerusform>%n days ago</numerusform>
        </translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>No</source>
        <translation>No</translation>
    </message>
    <message>
        <source>(photo)</source>
        <translation>(photo)</translation>
    </message>
</context>
<context>
    <name>GiftsController</name>
    <message>
        <source>every two months</source>
        <translation>every two months</translation>
    </message>
    <message>
        <source>a quarter</source>
        <translation>a quarter</translation>
    </message>
    <message>
        <source>a month</source>
        <translation>a month</translation>
    </message>
    <message>
        <source>Item not in the catalogue yet</source>
        <translation>Item not in the catalogue yet</translation>
    </message>
    <message>
        <source>%1 each</source>
        <translation>%1 each</translation>
    </message>
    <message>
        <source>%1: %2 to %3 %4</source>
        <translation>%1: %2 to %3 %4</translation>
    </message>
    <message>
        <source>%1: at least %2 %3</source>
        <translation>%1: at least %2 %3</translation>
    </message>
    <message>
        <source>%1: at most %2 %3</source>
        <translation>%1: at most %2 %3</translation>
    </message>
    <message>
        <source>%1: received %2</source>
        <translation>%1: received %2</translation>
    </message>
</context>
<context>
    <name>GreetingPage</name>
    <message>
        <source>Greeted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Send…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nobody to greet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add key persons to your accounts to greet them on holidays.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>KeyPersonCard</name>
    <message>
        <source>Temperament: %1</source>
        <translation>Temperament: %1</translation>
    </message>
</context>
<context>
    <name>KeyPersonEditPage</name>
    <message>
        <source>Edit key person</source>
        <translation>Edit key person</translation>
    </message>
    <message>
        <source>New key person</source>
        <translation>New key person</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>Person</translation>
    </message>
    <message>
        <source>e.g. wedding anniversary 05-20</source>
        <translation>e.g. wedding anniversary 05-20</translation>
    </message>
    <message>
        <source>Temperament and attitude</source>
        <translation>Temperament and attitude</translation>
    </message>
    <message>
        <source>Tip: %1</source>
        <translation>Tip: %1</translation>
    </message>
    <message>
        <source>Background</source>
        <translation>Background</translation>
    </message>
    <message>
        <source>e.g. office director</source>
        <translation>e.g. office director</translation>
    </message>
</context>
<context>
    <name>KeyPersonPage</name>
    <message>
        <source>Edit</source>
        <translation>Edit</translation>
    </message>
    <message>
        <source>Attitude towards us: %1</source>
        <translation>Attitude towards us: %1</translation>
    </message>
    <message>
        <source>Coaching tip</source>
        <translation>Coaching tip</translation>
    </message>
    <message>
        <source>Temperament: %1</source>
        <translation>Temperament: %1</translation>
    </message>
    <message>
        <source>Temperament not recorded yet</source>
        <translation>Temperament not recorded yet</translation>
    </message>
    <message>
        <source>Note how this person behaves in the next visit and record the temperament to get a tip here.</source>
        <translation>Note how this person behaves in the next visit and record the temperament to get a tip here.</translation>
    </message>
    <message>
        <source>Contact and dates</source>
        <translation>Contact and dates</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>Birthday</source>
        <translation>Birthday</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>Age</translation>
    </message>
    <message>
        <source>Anniversaries</source>
        <translation>Anniversaries</translation>
    </message>
    <message>
        <source>Background</source>
        <translation>Background</translation>
    </message>
    <message>
        <source>Hobbies</source>
        <translation>Hobbies</translation>
    </message>
    <message>
        <source>Taboos</source>
        <translation>Taboos</translation>
    </message>
    <message>
        <source>Family</source>
        <translation>Family</translation>
    </message>
    <message>
        <source>Education</source>
        <translation>Education</translation>
    </message>
    <message>
        <source>Native place</source>
        <translation>Native place</translation>
    </message>
    <message>
        <source>Personality and work</source>
        <translation>Personality and work</translation>
    </message>
    <message>
        <source>Personality</source>
        <translation>Personality</translation>
    </message>
    <message>
        <source>Work style</source>
        <translation>Work style</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>Positions held</source>
        <translation>Positions held</translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>Account manager</source>
        <translation>Account manager</translation>
    </message>
    <message>
        <source>Sales manager</source>
        <translation>Sales manager</translation>
    </message>
    <message>
        <source>Administrator</source>
        <translation>Administrator</translation>
    </message>
</context>
<context>
    <name>LaunchOptions</name>
    <message>
        <source>Fieldbook: key accounts in your pocket</source>
        <translation>Fieldbook: key accounts in your pocket</translation>
    </message>
</context>
<context>
    <name>LifecycleCard</name>
    <message>
        <source>Lifecycle</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change stage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No rhythm yet: it needs four contacts or purchases.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move to %1…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LocationConsentDialog</name>
    <message>
        <source>Use this phone&apos;s location?</source>
        <translation>Use this phone&apos;s location?</translation>
    </message>
    <message>
        <source>Fieldbook reads the phone&apos;s position once, only when you tap to record it: to keep where an account is, and later to check in at a visit.</source>
        <translation>Fieldbook reads the phone&apos;s position once, only when you tap to record it: to keep where an account is, and later to check in at a visit.</translation>
    </message>
    <message>
        <source>The position is saved with the record and synced to your company&apos;s server, where you and your manager see it. Nothing tracks you in the background. You can withdraw this on the Me tab at any time.</source>
        <translation>The position is saved with the record and synced to your company&apos;s server, where you and your manager see it. Nothing tracks you in the background. You can withdraw this on the Me tab at any time.</translation>
    </message>
    <message>
        <source>Not now</source>
        <translation>Not now</translation>
    </message>
    <message>
        <source>Allow</source>
        <translation>Allow</translation>
    </message>
</context>
<context>
    <name>LocationController</name>
    <message>
        <source>The phone does not let Fieldbook use its location. Allow it in the phone&apos;s settings.</source>
        <translation>The phone does not let Fieldbook use its location. Allow it in the phone&apos;s settings.</translation>
    </message>
    <message>
        <source>No position within 30 seconds. Step outside or near a window and try again.</source>
        <translation>No position within 30 seconds. Step outside or near a window and try again.</translation>
    </message>
    <message>
        <source>This device cannot tell where it is.</source>
        <translation>This device cannot tell where it is.</translation>
    </message>
    <message>
        <source>The position could not be read. Try again.</source>
        <translation>The position could not be read. Try again.</translation>
    </message>
</context>
<context>
    <name>LocationRow</name>
    <message>
        <source>Location</source>
        <translation>Location</translation>
    </message>
    <message>
        <source>Finding your position…</source>
        <translation>Finding your position…</translation>
    </message>
    <message>
        <source>Not recorded</source>
        <translation>Not recorded</translation>
    </message>
    <message>
        <source>Map</source>
        <translation>Map</translation>
    </message>
    <message>
        <source>Record again here</source>
        <translation>Record again here</translation>
    </message>
    <message>
        <source>Record here</source>
        <translation>Record here</translation>
    </message>
    <message>
        <source>Not recorded: using the location needs your consent (Me tab).</source>
        <translation>Not recorded: using the location needs your consent (Me tab).</translation>
    </message>
</context>
<context>
    <name>Main</name>
    <message>
        <source>Fieldbook</source>
        <translation>Fieldbook</translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>Accounts</translation>
    </message>
    <message>
        <source>Me</source>
        <translation>Me</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>Sync</translation>
    </message>
    <message>
        <source>Visit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Today</source>
        <translation type="unfinished">Today</translation>
    </message>
</context>
<context>
    <name>MePage</name>
    <message>
        <source>Account</source>
        <translation>Account</translation>
    </message>
    <message>
        <source>Not signed in. Your accounts stay on this phone; sign in on the Sync tab to send your changes to the team server.</source>
        <translation>Not signed in. Your accounts stay on this phone; sign in on the Sync tab to send your changes to the team server.</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>Sync</translation>
    </message>
    <message>
        <source>Last sync</source>
        <translation>Last sync</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>Never</translation>
    </message>
    <message>
        <source>Waiting to be sent</source>
        <translation>Waiting to be sent</translation>
    </message>
    <message>
        <source>Nothing</source>
        <translation>Nothing</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>About</source>
        <translation>About</translation>
    </message>
    <message>
        <source>Accounts on this phone</source>
        <translation>Accounts on this phone</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Device</translation>
    </message>
    <message>
        <source>App version</source>
        <translation>App version</translation>
    </message>
    <message>
        <source>Me</source>
        <translation>Me</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Language</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s)</source>
        <translation>
            <numerusform>%n change</numerusform>
            <numerusform>%n changes</numerusform>
        </translation>
    </message>
    <message>
        <source>Team</source>
        <translation>Team</translation>
    </message>
    <message>
        <source>My stock</source>
        <translation>My stock</translation>
    </message>
    <message>
        <source>No gifts or samples handed out to you yet. What the warehouse gives you shows here after a sync.</source>
        <translation>No gifts or samples handed out to you yet. What the warehouse gives you shows here after a sync.</translation>
    </message>
    <message>
        <source>Contact cadence by tier</source>
        <translation>Contact cadence by tier</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Location</translation>
    </message>
    <message>
        <source>Use this phone&apos;s position when I tap to record it</source>
        <translation>Use this phone&apos;s position when I tap to record it</translation>
    </message>
    <message>
        <source>Allowed since %1.</source>
        <translation>Allowed since %1.</translation>
    </message>
    <message>
        <source>Read once when you record an account&apos;s location or check in at a visit; saved with that record. Never in the background.</source>
        <translation>Read once when you record an account&apos;s location or check in at a visit; saved with that record. Never in the background.</translation>
    </message>
    <message>
        <source>This device has no position source.</source>
        <translation>This device has no position source.</translation>
    </message>
    <message>
        <source>Appointment reminders</source>
        <translation>Appointment reminders</translation>
    </message>
    <message>
        <source>Remind me</source>
        <translation>Remind me</translation>
    </message>
</context>
<context>
    <name>NoticeBanner</name>
    <message>
        <source>Dismiss</source>
        <translation>Dismiss</translation>
    </message>
</context>
<context>
    <name>PageHeader</name>
    <message>
        <source>Back</source>
        <translation>Back</translation>
    </message>
</context>
<context>
    <name>PhotoController</name>
    <message>
        <source>The picture is no longer there.</source>
        <translation>The picture is no longer there.</translation>
    </message>
    <message>
        <source>This file is not a picture that can be read. Choose a JPEG or PNG photo.</source>
        <translation>This file is not a picture that can be read. Choose a JPEG or PNG photo.</translation>
    </message>
    <message>
        <source>The picture could not be prepared. Please try another one.</source>
        <translation>The picture could not be prepared. Please try another one.</translation>
    </message>
    <message>
        <source>Could not save on this device. Please try again.</source>
        <translation>Could not save on this device. Please try again.</translation>
    </message>
    <message>
        <source>Taken %1</source>
        <translation>Taken %1</translation>
    </message>
    <message>
        <source>The picture has not reached the server yet: the phone that took it sends it at its next sync.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The picture is not available to you.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The picture is on the server. It loads when you are online.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RecordEditor</name>
    <message>
        <source>This record is no longer on this device; it may have been removed.</source>
        <translation>This record is no longer on this device; it may have been removed.</translation>
    </message>
    <message>
        <source>Please correct the fields marked in red.</source>
        <translation>Please correct the fields marked in red.</translation>
    </message>
    <message>
        <source>This form cannot be saved.</source>
        <translation>This form cannot be saved.</translation>
    </message>
    <message>
        <source>The record could not be saved.</source>
        <translation>The record could not be saved.</translation>
    </message>
</context>
<context>
    <name>ReferralPage</name>
    <message>
        <source>Not specified</source>
        <translation>Not specified</translation>
    </message>
    <message>
        <source>Record referral</source>
        <translation>Record referral</translation>
    </message>
    <message>
        <source>Referred by %1</source>
        <translation>Referred by %1</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Change</translation>
    </message>
    <message>
        <source>Search the account by name or pinyin</source>
        <translation>Search the account by name or pinyin</translation>
    </message>
    <message>
        <source>No account matches</source>
        <translation>No account matches</translation>
    </message>
    <message>
        <source>e.g. introduced at the association dinner</source>
        <translation>e.g. introduced at the association dinner</translation>
    </message>
    <message>
        <source>In the archive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New prospect</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Added to your accounts as tier P (potential), source: referral.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. runs three restaurants in 西湖区, wants a tasting</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ReferralRow</name>
    <message>
        <source>L%1</source>
        <translation>L%1</translation>
    </message>
    <message>
        <source>by %1</source>
        <translation>by %1</translation>
    </message>
    <message>
        <source>An account of another rep</source>
        <translation>An account of another rep</translation>
    </message>
</context>
<context>
    <name>RoleChangePage</name>
    <message>
        <source>Vacant</source>
        <translation>Vacant</translation>
    </message>
    <message>
        <source>Key position change</source>
        <translation>Key position change</translation>
    </message>
    <message>
        <source>Record who holds a key position from which day. The previous holder stays in the history.</source>
        <translation>Record who holds a key position from which day. The previous holder stays in the history.</translation>
    </message>
    <message>
        <source>Add the person as a key person first, or record the position as vacant.</source>
        <translation>Add the person as a key person first, or record the position as vacant.</translation>
    </message>
    <message>
        <source>e.g. transferred to the head office</source>
        <translation>e.g. transferred to the head office</translation>
    </message>
    <message>
        <source>Record change</source>
        <translation>Record change</translation>
    </message>
    <message>
        <source>Choose the new holder, or Vacant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Now held by</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, since %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nobody (vacant)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nobody recorded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RoleHistoryRow</name>
    <message>
        <source>Vacant</source>
        <translation>Vacant</translation>
    </message>
    <message>
        <source>%1 – %2</source>
        <translation>%1 – %2</translation>
    </message>
    <message>
        <source>present</source>
        <translation>present</translation>
    </message>
</context>
<context>
    <name>Schema</name>
    <message>
        <source>Account</source>
        <translation>Account</translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>Accounts</translation>
    </message>
    <message>
        <source>Account name</source>
        <translation>Account name</translation>
    </message>
    <message>
        <source>Industry</source>
        <translation>Industry</translation>
    </message>
    <message>
        <source>Scale</source>
        <translation>Scale</translation>
    </message>
    <message>
        <source>Micro</source>
        <translation>Micro</translation>
    </message>
    <message>
        <source>Small</source>
        <translation>Small</translation>
    </message>
    <message>
        <source>Medium-sized</source>
        <translation>Medium-sized</translation>
    </message>
    <message>
        <source>Large</source>
        <translation>Large</translation>
    </message>
    <message>
        <source>Enterprise group</source>
        <translation>Enterprise group</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>Region</translation>
    </message>
    <message>
        <source>Address</source>
        <translation>Address</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>Tier</source>
        <translation>Tier</translation>
    </message>
    <message>
        <source>KA — key account</source>
        <translation>KA — key account</translation>
    </message>
    <message>
        <source>A — important</source>
        <translation>A — important</translation>
    </message>
    <message>
        <source>B — ordinary</source>
        <translation>B — ordinary</translation>
    </message>
    <message>
        <source>C — small</source>
        <translation>C — small</translation>
    </message>
    <message>
        <source>P — potential</source>
        <translation>P — potential</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Stage</translation>
    </message>
    <message>
        <source>Acquisition</source>
        <translation>Acquisition</translation>
    </message>
    <message>
        <source>Growth</source>
        <translation>Growth</translation>
    </message>
    <message>
        <source>Maturity</source>
        <translation>Maturity</translation>
    </message>
    <message>
        <source>Decline</source>
        <translation>Decline</translation>
    </message>
    <message>
        <source>Exit</source>
        <translation>Exit</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>Personal acquaintance</source>
        <translation>Personal acquaintance</translation>
    </message>
    <message>
        <source>Referral</source>
        <translation>Referral</translation>
    </message>
    <message>
        <source>Introduced by our leadership</source>
        <translation>Introduced by our leadership</translation>
    </message>
    <message>
        <source>Group-buying broker</source>
        <translation>Group-buying broker</translation>
    </message>
    <message>
        <source>Industry association</source>
        <translation>Industry association</translation>
    </message>
    <message>
        <source>Direct visit</source>
        <translation>Direct visit</translation>
    </message>
    <message>
        <source>Public information</source>
        <translation>Public information</translation>
    </message>
    <message>
        <source>Assigned rep</source>
        <translation>Assigned rep</translation>
    </message>
    <message>
        <source>Demand profile</source>
        <translation>Demand profile</translation>
    </message>
    <message>
        <source>Consumption capacity</source>
        <translation>Consumption capacity</translation>
    </message>
    <message>
        <source>Low</source>
        <translation>Low</translation>
    </message>
    <message>
        <source>Medium</source>
        <translation>Medium</translation>
    </message>
    <message>
        <source>High</source>
        <translation>High</translation>
    </message>
    <message>
        <source>Very high</source>
        <translation>Very high</translation>
    </message>
    <message>
        <source>Purchase channel</source>
        <translation>Purchase channel</translation>
    </message>
    <message>
        <source>Price level</source>
        <translation>Price level</translation>
    </message>
    <message>
        <source>Economy</source>
        <translation>Economy</translation>
    </message>
    <message>
        <source>Mid-range</source>
        <translation>Mid-range</translation>
    </message>
    <message>
        <source>Premium</source>
        <translation>Premium</translation>
    </message>
    <message>
        <source>Luxury</source>
        <translation>Luxury</translation>
    </message>
    <message>
        <source>Price sensitivity</source>
        <translation>Price sensitivity</translation>
    </message>
    <message>
        <source>Competitors present</source>
        <translation>Competitors present</translation>
    </message>
    <message>
        <source>Social relations</source>
        <translation>Social relations</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>Custom fields</source>
        <translation>Custom fields</translation>
    </message>
    <message>
        <source>Exit reason</source>
        <translation>Exit reason</translation>
    </message>
    <message>
        <source>Left of their own accord</source>
        <translation>Left of their own accord</translation>
    </message>
    <message>
        <source>Poor service</source>
        <translation>Poor service</translation>
    </message>
    <message>
        <source>Rep&apos;s mistake</source>
        <translation>Rep&apos;s mistake</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Price</translation>
    </message>
    <message>
        <source>Inconvenient for them</source>
        <translation>Inconvenient for them</translation>
    </message>
    <message>
        <source>Complaint badly handled</source>
        <translation>Complaint badly handled</translation>
    </message>
    <message>
        <source>Won by a competitor</source>
        <translation>Won by a competitor</translation>
    </message>
    <message>
        <source>Ethical concerns</source>
        <translation>Ethical concerns</translation>
    </message>
    <message>
        <source>Involuntary (closed, merged)</source>
        <translation>Involuntary (closed, merged)</translation>
    </message>
    <message>
        <source>Archived</source>
        <translation>Archived</translation>
    </message>
    <message>
        <source>Agreed volume</source>
        <translation>Agreed volume</translation>
    </message>
    <message>
        <source>cases</source>
        <translation>cases</translation>
    </message>
    <message>
        <source>Agreement start</source>
        <translation>Agreement start</translation>
    </message>
    <message>
        <source>Agreement end</source>
        <translation>Agreement end</translation>
    </message>
    <message>
        <source>Key person</source>
        <translation>Key person</translation>
    </message>
    <message>
        <source>Key persons</source>
        <translation>Key persons</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>Head of unit</source>
        <translation>Head of unit</translation>
    </message>
    <message>
        <source>Purchasing decision-maker</source>
        <translation>Purchasing decision-maker</translation>
    </message>
    <message>
        <source>Handler</source>
        <translation>Handler</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Other</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>Birthday</source>
        <translation>Birthday</translation>
    </message>
    <message>
        <source>Important anniversaries</source>
        <translation>Important anniversaries</translation>
    </message>
    <message>
        <source>Hobbies and interests</source>
        <translation>Hobbies and interests</translation>
    </message>
    <message>
        <source>Taboos</source>
        <translation>Taboos</translation>
    </message>
    <message>
        <source>Family</source>
        <translation>Family</translation>
    </message>
    <message>
        <source>Education</source>
        <translation>Education</translation>
    </message>
    <message>
        <source>Age</source>
        <translation>Age</translation>
    </message>
    <message>
        <source>Native place</source>
        <translation>Native place</translation>
    </message>
    <message>
        <source>Personality</source>
        <translation>Personality</translation>
    </message>
    <message>
        <source>Temperament type</source>
        <translation>Temperament type</translation>
    </message>
    <message>
        <source>Conceited</source>
        <translation>Conceited</translation>
    </message>
    <message>
        <source>Cautious</source>
        <translation>Cautious</translation>
    </message>
    <message>
        <source>Talkative</source>
        <translation>Talkative</translation>
    </message>
    <message>
        <source>Silent</source>
        <translation>Silent</translation>
    </message>
    <message>
        <source>Picky</source>
        <translation>Picky</translation>
    </message>
    <message>
        <source>Impatient</source>
        <translation>Impatient</translation>
    </message>
    <message>
        <source>Negative</source>
        <translation>Negative</translation>
    </message>
    <message>
        <source>Suspicious</source>
        <translation>Suspicious</translation>
    </message>
    <message>
        <source>Stubborn</source>
        <translation>Stubborn</translation>
    </message>
    <message>
        <source>Hostile</source>
        <translation>Hostile</translation>
    </message>
    <message>
        <source>Impulsive</source>
        <translation>Impulsive</translation>
    </message>
    <message>
        <source>Shrewd</source>
        <translation>Shrewd</translation>
    </message>
    <message>
        <source>Work style</source>
        <translation>Work style</translation>
    </message>
    <message>
        <source>Attitude towards us</source>
        <translation>Attitude towards us</translation>
    </message>
    <message>
        <source>Supportive</source>
        <translation>Supportive</translation>
    </message>
    <message>
        <source>Neutral</source>
        <translation>Neutral</translation>
    </message>
    <message>
        <source>Skeptical</source>
        <translation>Skeptical</translation>
    </message>
    <message>
        <source>Opposed</source>
        <translation>Opposed</translation>
    </message>
    <message>
        <source>Role change</source>
        <translation>Role change</translation>
    </message>
    <message>
        <source>Role changes</source>
        <translation>Role changes</translation>
    </message>
    <message>
        <source>Effective date</source>
        <translation>Effective date</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Referrals</source>
        <translation>Referrals</translation>
    </message>
    <message>
        <source>Referred by</source>
        <translation>Referred by</translation>
    </message>
    <message>
        <source>Referring person</source>
        <translation>Referring person</translation>
    </message>
    <message>
        <source>Referred account</source>
        <translation>Referred account</translation>
    </message>
    <message>
        <source>Referral date</source>
        <translation>Referral date</translation>
    </message>
    <message>
        <source>Gift or sample</source>
        <translation>Gift or sample</translation>
    </message>
    <message>
        <source>Gifts and samples</source>
        <translation>Gifts and samples</translation>
    </message>
    <message>
        <source>Code</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>Category</source>
        <translation>Category</translation>
    </message>
    <message>
        <source>Gift</source>
        <translation>Gift</translation>
    </message>
    <message>
        <source>Sample</source>
        <translation>Sample</translation>
    </message>
    <message>
        <source>Printed material</source>
        <translation>Printed material</translation>
    </message>
    <message>
        <source>Unit</source>
        <translation>Unit</translation>
    </message>
    <message>
        <source>Unit value</source>
        <translation>Unit value</translation>
    </message>
    <message>
        <source>In use</source>
        <translation>In use</translation>
    </message>
    <message>
        <source>Contact cadence</source>
        <translation>Contact cadence</translation>
    </message>
    <message>
        <source>Contact cadences</source>
        <translation>Contact cadences</translation>
    </message>
    <message>
        <source>Activity</source>
        <translation>Activity</translation>
    </message>
    <message>
        <source>Face visit</source>
        <translation>Face visit</translation>
    </message>
    <message>
        <source>Phone callback</source>
        <translation>Phone callback</translation>
    </message>
    <message>
        <source>Materials mailing</source>
        <translation>Materials mailing</translation>
    </message>
    <message>
        <source>Sample mailing</source>
        <translation>Sample mailing</translation>
    </message>
    <message>
        <source>Event</source>
        <translation>Event</translation>
    </message>
    <message>
        <source>Club meeting</source>
        <translation>Club meeting</translation>
    </message>
    <message>
        <source>Points redemption</source>
        <translation>Points redemption</translation>
    </message>
    <message>
        <source>Period</source>
        <translation>Period</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>Month</translation>
    </message>
    <message>
        <source>Two months</source>
        <translation>Two months</translation>
    </message>
    <message>
        <source>Quarter</source>
        <translation>Quarter</translation>
    </message>
    <message>
        <source>At least</source>
        <translation>At least</translation>
    </message>
    <message>
        <source>At most</source>
        <translation>At most</translation>
    </message>
    <message>
        <source>Stock movement</source>
        <translation>Stock movement</translation>
    </message>
    <message>
        <source>Stock movements</source>
        <translation>Stock movements</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Owner</translation>
    </message>
    <message>
        <source>Item</source>
        <translation>Item</translation>
    </message>
    <message>
        <source>Movement</source>
        <translation>Movement</translation>
    </message>
    <message>
        <source>Received from the warehouse</source>
        <translation>Received from the warehouse</translation>
    </message>
    <message>
        <source>Given at a visit</source>
        <translation>Given at a visit</translation>
    </message>
    <message>
        <source>Returned to the warehouse</source>
        <translation>Returned to the warehouse</translation>
    </message>
    <message>
        <source>Transferred from a colleague</source>
        <translation>Transferred from a colleague</translation>
    </message>
    <message>
        <source>Transferred to a colleague</source>
        <translation>Transferred to a colleague</translation>
    </message>
    <message>
        <source>Stock count correction</source>
        <translation>Stock count correction</translation>
    </message>
    <message>
        <source>Quantity</source>
        <translation>Quantity</translation>
    </message>
    <message>
        <source>When</source>
        <translation>When</translation>
    </message>
    <message>
        <source>Belongs to account</source>
        <translation>Belongs to account</translation>
    </message>
    <message>
        <source>Given to account</source>
        <translation>Given to account</translation>
    </message>
    <message>
        <source>Location</source>
        <translation>Location</translation>
    </message>
    <message>
        <source>Recorded from your phone&apos;s position at the account</source>
        <translation>Recorded from your phone&apos;s position at the account</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>Position</translation>
    </message>
    <message>
        <source>New holder</source>
        <translation>New holder</translation>
    </message>
    <message>
        <source>Photo</source>
        <translation>Photo</translation>
    </message>
    <message>
        <source>Photos</source>
        <translation>Photos</translation>
    </message>
    <message>
        <source>What it shows</source>
        <translation>What it shows</translation>
    </message>
    <message>
        <source>Storefront</source>
        <translation>Storefront</translation>
    </message>
    <message>
        <source>Signed agreement</source>
        <translation>Signed agreement</translation>
    </message>
    <message>
        <source>Taken</source>
        <translation>Taken</translation>
    </message>
    <message>
        <source>Appointment</source>
        <translation>Appointment</translation>
    </message>
    <message>
        <source>Appointments</source>
        <translation>Appointments</translation>
    </message>
    <message>
        <source>With</source>
        <translation>With</translation>
    </message>
    <message>
        <source>Account manager</source>
        <translation>Account manager</translation>
    </message>
    <message>
        <source>Expected length</source>
        <translation>Expected length</translation>
    </message>
    <message>
        <source>minutes</source>
        <translation>minutes</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>Purpose</translation>
    </message>
    <message>
        <source>First visit</source>
        <translation>First visit</translation>
    </message>
    <message>
        <source>Return visit</source>
        <translation>Return visit</translation>
    </message>
    <message>
        <source>Delivery</source>
        <translation>Delivery</translation>
    </message>
    <message>
        <source>Event invitation</source>
        <translation>Event invitation</translation>
    </message>
    <message>
        <source>Gift delivery</source>
        <translation>Gift delivery</translation>
    </message>
    <message>
        <source>Complaint handling</source>
        <translation>Complaint handling</translation>
    </message>
    <message>
        <source>Place</source>
        <translation>Place</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Planned</source>
        <translation>Planned</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Cancelled</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>Appointment change</source>
        <translation>Appointment change</translation>
    </message>
    <message>
        <source>Appointment changes</source>
        <translation>Appointment changes</translation>
    </message>
    <message>
        <source>Change</source>
        <translation>Change</translation>
    </message>
    <message>
        <source>Rescheduled</source>
        <translation>Rescheduled</translation>
    </message>
    <message>
        <source>Was</source>
        <translation>Was</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>Now</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>Changed</source>
        <translation>Changed</translation>
    </message>
    <message>
        <source>Visit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Visits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In progress</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discarded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checked in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check-in position</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Distance from the account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>m</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Away from the account&apos;s address</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Briefing read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preparation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Purpose of this visit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Needs heard</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How far achieved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not achieved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Partly achieved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fully achieved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How the conversation went</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes for next time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Goal for next time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What was agreed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Route</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Direct</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Via a merchant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Merchant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checked out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check-out position</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Interest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No interest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Some interest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Strong interest</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Effect of the visit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why it was discarded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Visit correction</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Visit corrections</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Field</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Corrected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agreement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agreements</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Annual agreement</source>
        <translation type="unfinished">Annual agreement</translation>
    </message>
    <message>
        <source>Quarterly agreement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Project or event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Until</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Terms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Signed on</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Photo of the signed agreement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow-ups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Face revisit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Due</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>After the visit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To do</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preparation item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preparation items</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>For visits of</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every visit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Text</source>
        <translation type="unfinished">Text</translation>
    </message>
    <message>
        <source>Visit policy</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Visit policies</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Setting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Callback after an interested visit (days)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Face revisit within (days)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Away from the address beyond (m)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value</source>
        <translation type="unfinished">Value</translation>
    </message>
    <message>
        <source>Recipient&apos;s signature</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Suits visits for</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Suits tiers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Given to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At the visit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Colleague</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gift limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gift limits</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cap</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Per key person per month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Per account per quarter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size in bytes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Lunar birthday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contact</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Materials mailed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Samples mailed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invited to an event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Came to an event</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Greeting sent</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Points redeemed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Occasion</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reason for going beyond the limit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Holiday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Holidays</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>English name</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Kind</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Festival</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Day off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Make-up workday</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Same solar day every year</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Same lunar day every year</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Qingming (solar term)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>One date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Day</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Greet key persons</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Greet in tiers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Shown days ahead</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Greeting text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Greeting texts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Language</source>
        <translation type="unfinished">Language</translation>
    </message>
    <message>
        <source>Chinese</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>English</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Put off</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Contacted person</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>After a visit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Win-back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stage change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stage changes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Why</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Plan a win-back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Decide case by case</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Let go</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Suggested</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Each with its day, separated by ；. A lunar day: 农历 08-15 or 八月十五.</source>
        <translation>Each with its day, separated by ; — a lunar day as 农历 08-15 or 八月十五.</translation>
    </message>
</context>
<context>
    <name>StageChangePage</name>
    <message>
        <source>Change stage</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save</source>
        <translation type="unfinished">Save</translation>
    </message>
    <message>
        <source>Now</source>
        <translation type="unfinished">Now</translation>
    </message>
    <message>
        <source>Suggested: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What happened, what you found out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What you saw that calls for it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sets you a call within 2 days to find out why, and a visit within 14 days.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sets you a call within 7 days to decide.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No follow-ups. Find out the cause first if you can.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StorefrontPhoto</name>
    <message>
        <source>Storefront photo</source>
        <translation>Storefront photo</translation>
    </message>
    <message>
        <source>Replace</source>
        <translation>Replace</translation>
    </message>
    <message>
        <source>+ Add photo</source>
        <translation>+ Add photo</translation>
    </message>
    <message numerus="yes">
        <source>%1 · %n photo(s) in all</source>
        <translation>
            <numerusform>%1 · %n photo in all</numerusform>
            <numerusform>%1 · %n photos in all</numerusform>
        </translation>
    </message>
    <message>
        <source>No photo yet. A photo of the entrance helps a colleague find the place.</source>
        <translation>No photo yet. A photo of the entrance helps a colleague find the place.</translation>
    </message>
    <message>
        <source>Choose a photo of the storefront</source>
        <translation>Choose a photo of the storefront</translation>
    </message>
    <message>
        <source>Pictures (*.jpg *.jpeg *.png)</source>
        <translation>Pictures (*.jpg *.jpeg *.png)</translation>
    </message>
    <message>
        <source>Photo of the signed agreement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No photo yet. Photograph the signed pages.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose a photo of the signed agreement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loading the picture (%1)…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Try again</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SyncBadge</name>
    <message>
        <source>Syncing</source>
        <translation>Syncing</translation>
    </message>
    <message>
        <source>The last sync failed</source>
        <translation>The last sync failed</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) waiting to be sent</source>
        <translation>
            <numerusform>%n change waiting to be sent</numerusform>
            <numerusform>%n changes waiting to be sent</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SyncController</name>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>You entered: %1</source>
        <translation>You entered: %1</translation>
    </message>
    <message>
        <source>; </source>
        <translation>; </translation>
    </message>
    <message>
        <source>Please enter the server address</source>
        <translation>Please enter the server address</translation>
    </message>
    <message>
        <source>Enter an address like https://sync.example.com or http://127.0.0.1:8080</source>
        <translation>Enter an address like https://sync.example.com or http://127.0.0.1:8080</translation>
    </message>
    <message>
        <source>Please enter your user name</source>
        <translation>Please enter your user name</translation>
    </message>
    <message>
        <source>Please enter your password</source>
        <translation>Please enter your password</translation>
    </message>
    <message>
        <source>Please correct the marked fields</source>
        <translation>Please correct the marked fields</translation>
    </message>
    <message>
        <source>Please wait until the current sync has finished</source>
        <translation>Please wait until the current sync has finished</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) have not been sent yet. Sync first, or sign out anyway and lose them.</source>
        <translation>
            <numerusform>%n change has not been sent yet. Sync first, or sign out anyway and lose it.</numerusform>
            <numerusform>%n changes have not been sent yet. Sync first, or sign out anyway and lose them.</numerusform>
        </translation>
    </message>
    <message>
        <source>Wrong user name or password.</source>
        <translation>Wrong user name or password.</translation>
    </message>
    <message>
        <source>Could not reach the server at %1. Check the address and your connection.</source>
        <translation>Could not reach the server at %1. Check the address and your connection.</translation>
    </message>
    <message>
        <source>Could not reach the server. Fieldbook will try again when the connection allows.</source>
        <translation>Could not reach the server. Fieldbook will try again when the connection allows.</translation>
    </message>
    <message>
        <source>The server is busy. Fieldbook will try again shortly.</source>
        <translation>The server is busy. Fieldbook will try again shortly.</translation>
    </message>
    <message>
        <source>This device was revoked by the administrator. The local data was removed from this device.</source>
        <translation>This device was revoked by the administrator. The local data was removed from this device.</translation>
    </message>
    <message>
        <source>Your sign-in is no longer valid. Please sign in again.</source>
        <translation>Your sign-in is no longer valid. Please sign in again.</translation>
    </message>
    <message>
        <source>Your sign-in has expired because this phone has not synced for a long time. Sign in again; the changes waiting on this phone are kept.</source>
        <translation>Your sign-in has expired because this phone has not synced for a long time. Sign in again; the changes waiting on this phone are kept.</translation>
    </message>
    <message>
        <source>The server does not accept this version of Fieldbook. Please update the app.</source>
        <translation>The server does not accept this version of Fieldbook. Please update the app.</translation>
    </message>
    <message>
        <source>The device database could not be opened for sync.</source>
        <translation>The device database could not be opened for sync.</translation>
    </message>
    <message>
        <source>The server had a problem. Fieldbook will try again.</source>
        <translation>The server had a problem. Fieldbook will try again.</translation>
    </message>
    <message>
        <source>Sync failed (%1). Please tell your administrator if this keeps happening.</source>
        <translation>Sync failed (%1). Please tell your administrator if this keeps happening.</translation>
    </message>
    <message numerus="yes">
        <source>Trying again in %n second(s)</source>
        <translation>
            <numerusform>Trying again in %n second</numerusform>
            <numerusform>Trying again in %n seconds</numerusform>
        </translation>
    </message>
    <message>
        <source>Today %1</source>
        <translation>Today %1</translation>
    </message>
    <message>
        <source>Yesterday %1</source>
        <translation>Yesterday %1</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>Never</translation>
    </message>
    <message>
        <source>new</source>
        <translation>new</translation>
    </message>
    <message>
        <source>change</source>
        <translation>change</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>%1 “%2” (%3)</source>
        <translation>%1 &quot;%2&quot; (%3)</translation>
    </message>
    <message>
        <source>The server found invalid data</source>
        <translation>The server found invalid data</translation>
    </message>
    <message>
        <source>The account is no longer assigned to you</source>
        <translation>The account is no longer assigned to you</translation>
    </message>
    <message>
        <source>The record no longer exists on the server</source>
        <translation>The record no longer exists on the server</translation>
    </message>
    <message>
        <source>This kind of record cannot be changed</source>
        <translation>This kind of record cannot be changed</translation>
    </message>
    <message>
        <source>It conflicts with data on the server</source>
        <translation>It conflicts with data on the server</translation>
    </message>
    <message>
        <source>Refused by the server</source>
        <translation>Refused by the server</translation>
    </message>
    <message>
        <source>Too many failed sign-ins. Please wait a few minutes, then try again.</source>
        <translation>Too many failed sign-ins. Please wait a few minutes, then try again.</translation>
    </message>
    <message>
        <source>The server is busy. Please try again in a moment.</source>
        <translation>The server is busy. Please try again in a moment.</translation>
    </message>
    <message>
        <source>This device was revoked by the administrator and its local data was removed. Try signing in again; if that is refused, ask your administrator.</source>
        <translation>This device was revoked by the administrator and its local data was removed. Try signing in again; if that is refused, ask your administrator.</translation>
    </message>
    <message>
        <source>The server had a problem. Please try again later.</source>
        <translation>The server had a problem. Please try again later.</translation>
    </message>
    <message>
        <source>The server at %1 does not answer as a Fieldbook server. Check the address.</source>
        <translation>The server at %1 does not answer as a Fieldbook server. Check the address.</translation>
    </message>
    <message>
        <source>Sign-in failed (%1). Please tell your administrator if this keeps happening.</source>
        <translation>Sign-in failed (%1). Please tell your administrator if this keeps happening.</translation>
    </message>
    <message>
        <source>Sync cancelled. Nothing was lost: what was not sent yet waits on this phone for the next sync.</source>
        <translation>Sync cancelled. Nothing was lost: what was not sent yet waits on this phone for the next sync.</translation>
    </message>
    <message>
        <source>(empty)</source>
        <translation>(empty)</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>No</source>
        <translation>No</translation>
    </message>
    <message>
        <source>%1 (no longer on this phone)</source>
        <translation>%1 (no longer on this phone)</translation>
    </message>
    <message>
        <source>%1 “%2”</source>
        <translation>%1 &quot;%2&quot;</translation>
    </message>
    <message>
        <source>%1 “%2” of %3</source>
        <translation>%1 &quot;%2&quot; of %3</translation>
    </message>
    <message>
        <source>%1: you entered %2; a newer change (%3) replaced it.</source>
        <translation>%1: you entered %2; a newer change (%3) replaced it.</translation>
    </message>
    <message>
        <source>%1: you entered %2; a newer change (%3) replaced it. The newer value arrives with the next sync.</source>
        <translation>%1: you entered %2; a newer change (%3) replaced it. The newer value arrives with the next sync.</translation>
    </message>
    <message>
        <source>%1: you entered %2; a newer change (%3) entered the same, so nothing changed.</source>
        <translation>%1: you entered %2; a newer change (%3) entered the same, so nothing changed.</translation>
    </message>
    <message>
        <source>%1: you entered %2; a newer change (%3) replaced it. Now: %4.</source>
        <translation>%1: you entered %2; a newer change (%3) replaced it. Now: %4.</translation>
    </message>
    <message>
        <source>last sync %1</source>
        <translation>last sync %1</translation>
    </message>
    <message>
        <source>never synced</source>
        <translation>never synced</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) waiting</source>
        <translation>
            <numerusform>%n change waiting</numerusform>
            <numerusform>%n changes waiting</numerusform>
        </translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>Signing in…</translation>
    </message>
    <message>
        <source>Syncing… %1 of %2</source>
        <translation>Syncing… %1 of %2</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>Syncing…</translation>
    </message>
    <message>
        <source>Not signed in</source>
        <translation>Not signed in</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) kept on this phone</source>
        <translation>
            <numerusform>%n change kept on this phone</numerusform>
            <numerusform>%n changes kept on this phone</numerusform>
        </translation>
    </message>
    <message>
        <source>tap to sign in</source>
        <translation>tap to sign in</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s) refused by the server</source>
        <translation>
            <numerusform>%n change refused by the server</numerusform>
            <numerusform>%n changes refused by the server</numerusform>
        </translation>
    </message>
    <message>
        <source>tap to see</source>
        <translation>tap to see</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>Offline</translation>
    </message>
    <message>
        <source>Cannot reach the server</source>
        <translation>Cannot reach the server</translation>
    </message>
    <message>
        <source>Sync failed</source>
        <translation>Sync failed</translation>
    </message>
    <message>
        <source>tap for details</source>
        <translation>tap for details</translation>
    </message>
    <message>
        <source>All synced</source>
        <translation>All synced</translation>
    </message>
    <message>
        <source>Not synced yet</source>
        <translation>Not synced yet</translation>
    </message>
    <message>
        <source>Sign in again to sync</source>
        <translation>Sign in again to sync</translation>
    </message>
    <message>
        <source>The automatic sync could not run: the server asks you to sign in again. What you entered stays on this phone.</source>
        <translation>The automatic sync could not run: the server asks you to sign in again. What you entered stays on this phone.</translation>
    </message>
    <message>
        <source>This device was removed</source>
        <translation>This device was removed</translation>
    </message>
    <message>
        <source>Open the Sync tab to see what was refused and why.</source>
        <translation>Open the Sync tab to see what was refused and why.</translation>
    </message>
    <message numerus="yes">
        <source>%n picture(s) have not been sent yet. Sync first, or sign out anyway and lose them.</source>
        <translation>
            <numerusform>%n picture has not been sent yet. Sync first, or sign out anyway and lose it.</numerusform>
            <numerusform>%n pictures have not been sent yet. Sync first, or sign out anyway and lose them.</numerusform>
        </translation>
    </message>
    <message>
        <source>The server did not take some pictures. They stay on this phone and Fieldbook will try again; tell your administrator if this keeps happening.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SyncPage</name>
    <message>
        <source>Connected, but the server cannot be reached</source>
        <translation>Connected, but the server cannot be reached</translation>
    </message>
    <message>
        <source>%1 B</source>
        <translation>%1 B</translation>
    </message>
    <message>
        <source>%1 KB</source>
        <translation>%1 KB</translation>
    </message>
    <message>
        <source>%1 MB</source>
        <translation>%1 MB</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>Sync</translation>
    </message>
    <message>
        <source>Sign in to sync</source>
        <translation>Sign in to sync</translation>
    </message>
    <message>
        <source>Your accounts stay on this phone and work offline. Sign in to send your changes to the team server and receive your accounts.</source>
        <translation>Your accounts stay on this phone and work offline. Sign in to send your changes to the team server and receive your accounts.</translation>
    </message>
    <message>
        <source>Server address</source>
        <translation>Server address</translation>
    </message>
    <message>
        <source>From your administrator, e.g. https://sync.example.com</source>
        <translation>From your administrator, e.g. https://sync.example.com</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>User name</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>Signing in…</source>
        <translation>Signing in…</translation>
    </message>
    <message>
        <source>Sign in</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <source>Sync status</source>
        <translation>Sync status</translation>
    </message>
    <message>
        <source>Signed in as</source>
        <translation>Signed in as</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>Server</source>
        <translation>Server</translation>
    </message>
    <message>
        <source>Last sync</source>
        <translation>Last sync</translation>
    </message>
    <message>
        <source>Network</source>
        <translation>Network</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>Online</translation>
    </message>
    <message>
        <source>Offline — changes are kept on this phone</source>
        <translation>Offline — changes are kept on this phone</translation>
    </message>
    <message>
        <source>Receiving %1 of %2</source>
        <translation>Receiving %1 of %2</translation>
    </message>
    <message>
        <source>Sending %1 of %2</source>
        <translation>Sending %1 of %2</translation>
    </message>
    <message>
        <source>Syncing…</source>
        <translation>Syncing…</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>Sync now</translation>
    </message>
    <message>
        <source>Waiting to be sent</source>
        <translation>Waiting to be sent</translation>
    </message>
    <message>
        <source>Nothing: every change has been sent.</source>
        <translation>Nothing: every change has been sent.</translation>
    </message>
    <message numerus="yes">
        <source>%n change(s)</source>
        <translation>
            <numerusform>%n change</numerusform>
            <numerusform>%n changes</numerusform>
        </translation>
    </message>
    <message>
        <source>They are sent when you sign in.</source>
        <translation>They are sent when you sign in.</translation>
    </message>
    <message>
        <source>Refused by the server</source>
        <translation>Refused by the server</translation>
    </message>
    <message>
        <source>These changes were not accepted and are not on the server. Enter them again if they are still needed.</source>
        <translation>These changes were not accepted and are not on the server. Enter them again if they are still needed.</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Dismiss</translation>
    </message>
    <message>
        <source>Automatic sync</source>
        <translation>Automatic sync</translation>
    </message>
    <message>
        <source>Sync when the connection returns</source>
        <translation>Sync when the connection returns</translation>
    </message>
    <message>
        <source>Only on Wi-Fi</source>
        <translation>Only on Wi-Fi</translation>
    </message>
    <message>
        <source>Sign out</source>
        <translation>Sign out</translation>
    </message>
    <message>
        <source>Sign out?</source>
        <translation>Sign out?</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Sign out anyway</source>
        <translation>Sign out anyway</translation>
    </message>
    <message>
        <source>Stopping after what is under way…</source>
        <translation>Stopping after what is under way…</translation>
    </message>
    <message>
        <source>Overwritten changes</source>
        <translation>Overwritten changes</translation>
    </message>
    <message>
        <source>Someone changed these fields after you, and the later change is kept. The rest of your changes were saved. If your value should stand, edit the record again.</source>
        <translation>Someone changed these fields after you, and the later change is kept. The rest of your changes were saved. If your value should stand, edit the record again.</translation>
    </message>
    <message>
        <source>Sending photos: %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pictures of photos and signatures</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n picture(s)</source>
        <translation>
            <numerusform>%n picture</numerusform>
            <numerusform>%n pictures</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TemperamentCombo</name>
    <message>
        <source>Not recorded</source>
        <translation>Not recorded</translation>
    </message>
</context>
<context>
    <name>TodayController</name>
    <message>
        <source>today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tomorrow</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>yesterday</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>in %n day(s)</source>
        <translation>
            <numerusform>in %n day</numerusform>
            <numerusform>in %n days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) ago</source>
        <translation>
            <numerusform>%n day ago</numerusform>
            <numerusform>%n days ago</numerusform>
        </translation>
    </message>
    <message>
        <source>Birthday</source>
        <translation type="unfinished">Birthday</translation>
    </message>
    <message>
        <source>this quarter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>these two months</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>this month</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1 %2/%3 %4, %n day(s) left</source>
        <translation>
            <numerusform>%1 %2/%3 %4, %n day left</numerusform>
            <numerusform>%1 %2/%3 %4, %n days left</numerusform>
        </translation>
    </message>
    <message>
        <source>behind since %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Callback: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Face revisit: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%n day(s) after your visit</source>
        <translation>
            <numerusform>%n day after your visit</numerusform>
            <numerusform>%n days after your visit</numerusform>
        </translation>
    </message>
    <message>
        <source>Follow-up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>was due %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>due %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Visit to %1 left open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Checked in %1: finish it or discard it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1&apos;s birthday %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>lunar calendar</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>%1: %n key person(s) to greet</source>
        <translation>
            <numerusform>%1: %n key person to greet</numerusform>
            <numerusform>%1: %n key persons to greet</numerusform>
        </translation>
    </message>
    <message>
        <source>In your %1 accounts · %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 of %2 greeted</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Put off by 1 to 30 days.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This item is no longer on Today.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open it to act on it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>a quarter</source>
        <translation type="unfinished">a quarter</translation>
    </message>
    <message>
        <source>every two months</source>
        <translation type="unfinished">every two months</translation>
    </message>
    <message>
        <source>a month</source>
        <translation type="unfinished">a month</translation>
    </message>
    <message>
        <source>The tier allows at most %1 %2 %3; %4 already this period. Say why to go on.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>per quarter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>per two months</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>per month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 to %2 %3</source>
        <translation type="unfinished">%1 to %2 %3 {1 ?}</translation>
    </message>
    <message>
        <source>at least %1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>at most %1 %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In your stock: %1 (%2 left)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Write the greeting first.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This key person is gone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing took the greeting; it was not logged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>First appointment %1 at %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No appointments today.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Today: %n thing(s) to do</source>
        <translation>
            <numerusform>Today: %n thing to do</numerusform>
            <numerusform>Today: %n things to do</numerusform>
        </translation>
    </message>
    <message>
        <source>Win-back call: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Win-back visit: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Find out why they left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go and win them back</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 is falling behind</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Usually buys every %n day(s)</source>
        <translation>
            <numerusform>Usually buys every %n day</numerusform>
            <numerusform>Usually buys every %n days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Usually in touch every %n day(s)</source>
        <translation>
            <numerusform>Usually in touch every %n day</numerusform>
            <numerusform>Usually in touch every %n days</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>none for %n day(s)</source>
        <translation>
            <numerusform>none for %n day</numerusform>
            <numerusform>none for %n days</numerusform>
        </translation>
    </message>
    <message>
        <source>last purchase %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>last contact %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Nothing for %n day(s), well past its usual rhythm.</source>
        <translation>
            <numerusform>Nothing for %n day, well past its usual rhythm.</numerusform>
            <numerusform>Nothing for %n days, well past its usual rhythm.</numerusform>
        </translation>
    </message>
    <message>
        <source>It is back in its rhythm.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It has made its first purchase.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It has bought steadily for half a year.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Anniversary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>anniversary</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1&apos;s %2 %3</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>TodayPage</name>
    <message>
        <source>Today</source>
        <translation type="unfinished">Today</translation>
    </message>
    <message numerus="yes">
        <source>%n late</source>
        <translation>
            <numerusform>%n late</numerusform>
            <numerusform>%n late</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n to do</source>
        <translation>
            <numerusform>%n to do</numerusform>
            <numerusform>%n to do</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n appointment(s)</source>
        <translation>
            <numerusform>%n appointment</numerusform>
            <numerusform>%n appointments</numerusform>
        </translation>
    </message>
    <message>
        <source>Appointments today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Tomorrow</source>
        <translation type="unfinished">Tomorrow</translation>
    </message>
    <message>
        <source>Done</source>
        <translation type="unfinished">Done</translation>
    </message>
    <message>
        <source>Nothing due today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Every account is within its cadence. Follow-ups, birthdays and holidays will show here when they come due.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Validation</name>
    <message numerus="yes">
        <source>Too long: at most %n characters</source>
        <translation>
            <numerusform>Too long: at most %n character</numerusform>
            <numerusform>Too long: at most %n characters</numerusform>
        </translation>
    </message>
    <message>
        <source>Choose one of the listed values</source>
        <translation>Choose one of the listed values</translation>
    </message>
    <message>
        <source>Choose yes or no</source>
        <translation>Choose yes or no</translation>
    </message>
    <message>
        <source>Could not save on this device. Please try again</source>
        <translation>Could not save on this device. Please try again</translation>
    </message>
    <message>
        <source>Enter a date as YYYY-MM-DD</source>
        <translation>Enter a date as YYYY-MM-DD</translation>
    </message>
    <message>
        <source>Enter a whole number from %1 to %2</source>
        <translation>Enter a whole number from %1 to %2</translation>
    </message>
    <message>
        <source>Enter a whole number</source>
        <translation>Enter a whole number</translation>
    </message>
    <message>
        <source>Not a valid date and time</source>
        <translation>Not a valid date and time</translation>
    </message>
    <message>
        <source>Not in the expected form</source>
        <translation>Not in the expected form</translation>
    </message>
    <message>
        <source>Please fill this in</source>
        <translation>Please fill this in</translation>
    </message>
    <message>
        <source>Refers to a record that does not exist</source>
        <translation>Refers to a record that does not exist</translation>
    </message>
    <message>
        <source>The custom fields could not be read</source>
        <translation>The custom fields could not be read</translation>
    </message>
    <message>
        <source>The record was not found; it may have been removed</source>
        <translation>The record was not found; it may have been removed</translation>
    </message>
    <message>
        <source>This contradicts what is already recorded</source>
        <translation>This contradicts what is already recorded</translation>
    </message>
    <message>
        <source>This field is not known to this version of the app</source>
        <translation>This field is not known to this version of the app</translation>
    </message>
    <message>
        <source>This record can no longer be changed</source>
        <translation>This record can no longer be changed</translation>
    </message>
    <message>
        <source>Too long</source>
        <translation>Too long</translation>
    </message>
    <message>
        <source>The date cannot be later than today</source>
        <translation>The date cannot be later than today</translation>
    </message>
    <message>
        <source>Enter a number of at least 0</source>
        <translation>Enter a number of at least 0</translation>
    </message>
    <message>
        <source>This is already recorded</source>
        <translation>This is already recorded</translation>
    </message>
    <message>
        <source>Enter an amount in yuan, such as 1299.50</source>
        <translation>Enter an amount in yuan, such as 1299.50</translation>
    </message>
    <message>
        <source>Enter a phone number of digits, e.g. 0571-88886666 or 13800138000</source>
        <translation>Enter a phone number of digits, e.g. 0571-88886666 or 13800138000</translation>
    </message>
    <message>
        <source>Enter a number, e.g. 1200</source>
        <translation>Enter a number, e.g. 1200</translation>
    </message>
    <message>
        <source>Not a valid position</source>
        <translation>Not a valid position</translation>
    </message>
    <message>
        <source>Please enter the %1</source>
        <translation>Please enter the %1</translation>
    </message>
    <message>
        <source>The end date is before the start date</source>
        <translation>The end date is before the start date</translation>
    </message>
    <message>
        <source>An account cannot refer itself</source>
        <translation>An account cannot refer itself</translation>
    </message>
    <message>
        <source>Name the merchant the sale goes through</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The agreement cannot end before it starts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Say why the count differs (the reason of an adjustment)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Over the gift limit for one key person this month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Over the gift limit for one account this quarter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not an attachment this app made</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An exit needs its reason and a win-back decision</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give each anniversary its day, like 结婚纪念日 05-20</source>
        <translation>Give each anniversary its day, like “wedding anniversary 05-20”</translation>
    </message>
</context>
<context>
    <name>VisitAgreementStep</name>
    <message>
        <source>Choose a photo of the signed agreement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pictures (*.jpg *.jpeg *.png)</source>
        <translation type="unfinished">Pictures (*.jpg *.jpeg *.png)</translation>
    </message>
    <message>
        <source>Period</source>
        <translation type="unfinished">Period</translation>
    </message>
    <message>
        <source>Volume</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Terms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Photo</source>
        <translation type="unfinished">Photo</translation>
    </message>
    <message>
        <source>Attached</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No agreement at this visit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>+ Record an agreement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agreement signed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. quarterly rebate 2%, delivery within 3 days</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Replace the photo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>+ Photo of the signed pages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished">Cancel</translation>
    </message>
    <message>
        <source>Record agreement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record the agreement, or cancel it</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VisitArchiveStep</name>
    <message>
        <source>What did you learn? Add it while it is fresh.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Edit the account&apos;s details</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record a change of role holder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key persons</source>
        <translation type="unfinished">Key persons</translation>
    </message>
    <message>
        <source>+ Add key person</source>
        <translation type="unfinished">+ Add key person</translation>
    </message>
</context>
<context>
    <name>VisitBriefingStep</name>
    <message>
        <source>The account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last visit · %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation type="unfinished">Purpose</translation>
    </message>
    <message>
        <source>Achieved</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next time</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Key persons</source>
        <translation type="unfinished">Key persons</translation>
    </message>
    <message>
        <source>No key person recorded yet: ask who decides, and add them in the Archive step.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In your bag for this visit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing in your stock suits this visit.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VisitCheckinStep</name>
    <message>
        <source>Checked in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Time</source>
        <translation type="unfinished">Time</translation>
    </message>
    <message>
        <source>Position</source>
        <translation type="unfinished">Position</translation>
    </message>
    <message>
        <source>No position was available</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not recorded (location not allowed; see the Me tab)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Distance</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VisitCheckoutStep</name>
    <message>
        <source>Say how interested the account is</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>How did it go?</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. agreed to try 2 cases at the next banquet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow-ups</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose the interest to see the follow-ups.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No follow-up: the account is not interested.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VisitController</name>
    <message>
        <source>Check-in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Briefing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preparation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Conversation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gifts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Agreement</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Archive</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Referrals</source>
        <translation type="unfinished">Referrals</translation>
    </message>
    <message>
        <source>Check-out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Purpose of the visit stated</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Forms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Samples</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Business cards</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Brochures</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Dressed for the visit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Transport arranged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Briefing read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 km from the account&apos;s recorded location</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 m from the account&apos;s recorded location</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Away from the account&apos;s address: farther than %1 m</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last visit today</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Last visit %n day(s) ago</source>
        <translation>
            <numerusform>Last visit %n day ago</numerusform>
            <numerusform>Last visit %n days ago</numerusform>
        </translation>
    </message>
    <message>
        <source>No earlier visit recorded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1&apos;s birthday: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Phone callback %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Face revisit by %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Record how the conversation went (step Conversation) before checking out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 corrected %2: “%3” → “%4” (%5)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This key person, this month</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This account, this quarter</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>cap %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 left after this</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 over</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>More than you hold: check the stock left of each item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose how many of which item</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose who receives the gifts</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VisitConversationStep</name>
    <message>
        <source>First-visit form</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Return-visit form</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sales form</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Something was agreed</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VisitDiscardDialog</name>
    <message>
        <source>Discard the visit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The visit is kept as discarded, with your reason; no follow-up is created.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. the customer was not there</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back</source>
        <translation type="unfinished">Back</translation>
    </message>
    <message>
        <source>Discard</source>
        <translation type="unfinished">Discard</translation>
    </message>
</context>
<context>
    <name>VisitGiftsStep</name>
    <message>
        <source>Hand the picked gifts over, or set them back to 0</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose who receives the gifts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Handed over at this visit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Give to</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Add the key person first (Archive step).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In your bag for this visit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing in your stock suits this visit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 · %2 each · %3 left</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Value %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No gift limit for this tier.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recipient&apos;s signature (optional)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign here</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hand over</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VisitPage</name>
    <message>
        <source>Visit to %1 finished</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No position: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Visit discarded</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Visit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>More</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discard this visit…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Visit to %1 left open since %2: finish or discard it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Go to check-out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discard…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start a visit at an account…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sign in on the Sync tab first: a visit is recorded in your name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Today&apos;s appointments</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No appointment left today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start a visit at any account, or book one from the account&apos;s page.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Started on another of your phones: finish it there.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VisitPreparationStep</name>
    <message>
        <source>Before you go in</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VisitReferralsStep</name>
    <message>
        <source>Referred today</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>+ Record referral</source>
        <translation type="unfinished">+ Record referral</translation>
    </message>
    <message>
        <source>None yet. Who else could use what we offer? A new prospect is added as tier P, referred by this account.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Referred</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VisitStartPage</name>
    <message>
        <source>Start a visit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check in</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation type="unfinished">Purpose</translation>
    </message>
    <message>
        <source>Account</source>
        <translation type="unfinished">Account</translation>
    </message>
    <message>
        <source>Pick the account you are visiting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Change</source>
        <translation type="unfinished">Change</translation>
    </message>
    <message>
        <source>Search the account by name or pinyin</source>
        <translation type="unfinished">Search the account by name or pinyin</translation>
    </message>
    <message>
        <source>No account matches</source>
        <translation type="unfinished">No account matches</translation>
    </message>
</context>
<context>
    <name>VisitStepper</name>
    <message>
        <source>Back</source>
        <translation type="unfinished">Back</translation>
    </message>
    <message>
        <source>Check out</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Skip</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>VisitTimelineCard</name>
    <message>
        <source>Visits (%1)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No visit recorded yet.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Corrected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next time: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Discarded: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Correct…</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Show all %n visit(s)</source>
        <translation>
            <numerusform>Show the %n visit</numerusform>
            <numerusform>Show all %n visits</numerusform>
        </translation>
    </message>
    <message>
        <source>Correct the visit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>What was recorded stays; the correction is shown with your reason.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>e.g. mistyped the quantity</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back</source>
        <translation type="unfinished">Back</translation>
    </message>
    <message>
        <source>Correct</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Correct it to</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
