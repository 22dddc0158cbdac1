package dev.syscalllens.agent.it;

class DemosJdk17IT extends DemosChecks {
    @Override
    Env.Jdk jdk() {
        return Env.Jdk.JDK17;
    }
}
