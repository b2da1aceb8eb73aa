#pragma once
// The row of controls under the timeline. A pure view, as in Qt's media player example: buttons are the shared
// QActions (so their shortcuts and tooltips match the menus), the speed box and the volume slider only ask
// (signals), and the slots show the player's state.

#include <QWidget>

class QComboBox;
class QLabel;
class QSlider;
class QToolButton;

namespace gitvqa {

class Actions;

class PlayerControls : public QWidget {
    Q_OBJECT
public:
    explicit PlayerControls(const Actions& actions, QWidget* parent = nullptr);

    QComboBox* speedBox() const { return m_speed; }
    QSlider* volumeSlider() const { return m_volume; }
    QLabel* timeLabel() const { return m_time; }
    QWidget* firstControl() const;
    QWidget* lastControl() const;

public Q_SLOTS:
    void setPlaying(bool playing);
    void setPosition(double seconds);
    void setDuration(double seconds);
    void setRate(double rate);
    void setVolume(int percent);
    void setMuted(bool muted);

Q_SIGNALS:
    void rateRequested(double rate);
    void volumeRequested(int percent);

protected:
    void changeEvent(QEvent* event) override;

private:
    void updateTime();
    void updateIcons();

    const Actions& m_actions;
    QList<QToolButton*> m_buttons;
    QLabel* m_time = nullptr;
    QComboBox* m_speed = nullptr;
    QSlider* m_volume = nullptr;
    double m_position = 0.0;
    double m_duration = 0.0;
    bool m_playing = false;
    bool m_muted = false;
};

} // namespace gitvqa
