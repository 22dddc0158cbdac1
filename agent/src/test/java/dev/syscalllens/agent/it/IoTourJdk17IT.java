package dev.syscalllens.agent.it;

class IoTourJdk17IT extends IoTourChecks {
    @Override
    Env.Jdk jdk() {
        return Env.Jdk.JDK17;
    }
}
